package io.uplink.callback.delivery;

import io.uplink.callback.signing.SigningKeys;

import java.util.UUID;

/** A due delivery leased to this worker, with everything needed to send it. */
record ClaimedDelivery(
        UUID id,
        UUID messageId,
        UUID endpointId,
        String tenantId,
        int attemptCount,
        String url,
        Integer rateLimit,
        SigningKeys keys,
        String payload) {

    /** Stable across retries and replays of the message, so receivers can deduplicate. */
    String webhookId() {
        return "msg_" + messageId.toString().replace("-", "");
    }
}
