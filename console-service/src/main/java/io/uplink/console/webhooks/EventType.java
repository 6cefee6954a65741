package io.uplink.console.webhooks;

import java.util.List;

/**
 * An event type an endpoint may subscribe to and a test event may simulate: the callback service accepts these and
 * refuses any other. An endpoint subscribed to none receives all of them.
 */
public record EventType(String name, String description) {

    public static final List<EventType> KNOWN = List.of(
            new EventType("file.created", "a file was stored"),
            new EventType("file.deleted", "a file was deleted"),
            new EventType("file.rejected", "an upload broke the tenant's limits and was quarantined"));
}
