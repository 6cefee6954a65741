package io.uplink.callback.endpoint;

import java.util.UUID;

public record TestEventSent(UUID messageId, UUID deliveryId) {
}
