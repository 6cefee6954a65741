package io.uplink.callback.log;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the logs API shows: messages, their deliveries, and every attempt. */
final class LogViews {

    private LogViews() {
    }

    /** @param payload the webhook body exactly as sent */
    record MessageView(UUID id, UUID eventId, String eventType, Instant occurredAt, Instant createdAt, String payload) {
    }

    /** @param nextAttemptAt null once finished, and while parked: pending for a disabled endpoint, until it is enabled */
    record DeliveryView(UUID id, UUID messageId, UUID endpointId, String status, int attemptCount,
                        Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatusCode, String lastError) {
    }

    record MessageDetail(MessageView message, List<DeliveryView> deliveries) {
    }

    record AttemptView(UUID id, UUID deliveryId, UUID messageId, UUID endpointId, int attemptNumber, String outcome,
                       Integer statusCode, int latencyMs, String responseSnippet, String error, Instant attemptedAt) {
    }

    record Page<T>(List<T> data, String nextCursor) {
    }

    record Requeued(int deliveries) {
    }
}
