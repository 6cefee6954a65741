package io.uplink.console.webhooks;

import tools.jackson.databind.JsonNode;

/** One line of the delivery log: the message as the API lists it, and where its deliveries stand. */
public record MessageRow(JsonNode message, DeliveryStatus status) {

    public String id() {
        return message.get("id").asString();
    }
}
