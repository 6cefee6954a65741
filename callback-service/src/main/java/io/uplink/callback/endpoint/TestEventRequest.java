package io.uplink.callback.endpoint;

/** @param eventType which kind of event to simulate; absent: {@code file.created} */
public record TestEventRequest(String eventType) {
}
