package io.uplink.console.webhooks;

import tools.jackson.databind.JsonNode;

/**
 * Where one message stands across the endpoints it went to, from its deliveries: a failure anywhere shows first,
 * then work still pending (retries included), and it has succeeded only when every delivery has.
 *
 * @param state {@code failed}, {@code pending}, {@code succeeded}, or {@code none} when no endpoint received it
 */
public record DeliveryStatus(String state, int succeeded, int pending, int failed) {

    static DeliveryStatus of(JsonNode deliveries) {
        int succeeded = 0;
        int pending = 0;
        int failed = 0;
        if (deliveries != null) {
            for (JsonNode delivery : deliveries) {
                switch (delivery.path("status").asString("")) {
                    case "succeeded" -> succeeded++;
                    case "failed" -> failed++;
                    default -> pending++;
                }
            }
        }
        String state = failed > 0 ? "failed" : pending > 0 ? "pending" : succeeded > 0 ? "succeeded" : "none";
        return new DeliveryStatus(state, succeeded, pending, failed);
    }

    public int total() {
        return succeeded + pending + failed;
    }

    /** What the log shows: the state, and how many of the deliveries are in it when they differ. */
    public String text() {
        int inState = switch (state) {
            case "failed" -> failed;
            case "pending" -> pending;
            case "succeeded" -> succeeded;
            default -> 0;
        };
        if (inState == 0) {
            return "no endpoint";
        }
        return inState == total() ? state : state + " (" + inState + " of " + total() + ")";
    }
}
