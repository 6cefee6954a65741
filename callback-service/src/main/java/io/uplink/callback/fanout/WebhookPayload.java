package io.uplink.callback.fanout;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.FileEvent;

import java.time.Instant;

/** The JSON body every endpoint receives, as Standard Webhooks shapes it: {@code {type, timestamp, data}}. */
public record WebhookPayload(String type, Instant timestamp, Object data) {

    public static WebhookPayload of(FileEvent event) {
        return new WebhookPayload(event.type(), event.occurredAt(), event.data());
    }

    public String toJson() {
        return EventJson.writeString(this);
    }
}
