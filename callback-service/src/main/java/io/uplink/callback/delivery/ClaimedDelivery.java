package io.uplink.callback.delivery;

import io.uplink.callback.secretstore.SecretCipher;
import io.uplink.callback.secretstore.UnreadableSecretException;
import io.uplink.callback.signing.SigningKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** A due delivery leased to this worker, with everything needed to send it. */
public record ClaimedDelivery(
        UUID id,
        UUID messageId,
        UUID endpointId,
        String tenantId,
        int attemptCount,
        String url,
        Integer rateLimit,
        SigningKeys keys,
        Message message) {

    private static final Logger log = LoggerFactory.getLogger(ClaimedDelivery.class);

    /**
     * Reads a claimed or freshly leased delivery's row: columns {@code id, message_id, endpoint_id, tenant_id, url,
     * rate_limit_per_second, secret, previous_secret, previous_secret_expires_at}; the secrets are decrypted by
     * {@code secrets}.
     */
    public static ClaimedDelivery read(ResultSet rs, int attemptCount, Message message, SecretCipher secrets)
            throws SQLException {
        UUID endpointId = rs.getObject("endpoint_id", UUID.class);
        Timestamp previousExpires = rs.getTimestamp("previous_secret_expires_at");
        return new ClaimedDelivery(
                rs.getObject("id", UUID.class),
                rs.getObject("message_id", UUID.class),
                endpointId,
                rs.getString("tenant_id"),
                attemptCount,
                rs.getString("url"),
                (Integer) rs.getObject("rate_limit_per_second"),
                secrets.signingKeys(endpointId, rs.getString("secret"), rs.getString("previous_secret"),
                        previousExpires == null ? null : previousExpires.toInstant()),
                message);
    }

    /**
     * {@link #read}, or null, logged, when the endpoint's secret does not decrypt (a key missing from the
     * configuration, an altered row): the delivery is not sent and comes back when its lease ends.
     */
    public static ClaimedDelivery readIfSecretsOpen(ResultSet rs, int attemptCount, Message message,
                                                    SecretCipher secrets) throws SQLException {
        try {
            return read(rs, attemptCount, message, secrets);
        } catch (UnreadableSecretException e) {
            log.error("delivery {} not sent, its endpoint's signing secret is unreadable: {}",
                    rs.getObject("id"), e.getMessage());
            return null;
        }
    }

    /**
     * What a delivery sends of its message: the payload, the trace the message continues (null: none) and when the
     * event happened (where the row-to-webhook lag is measured from).
     */
    public record Message(String payload, String traceparent, Instant occurredAt) {

        /** From the columns {@code payload, traceparent, occurred_at} of a row joined with its message. */
        static Message read(ResultSet rs) throws SQLException {
            return new Message(rs.getString("payload"), rs.getString("traceparent"),
                    rs.getTimestamp("occurred_at").toInstant());
        }
    }

    /** Stable across retries and replays of the message, so receivers can deduplicate. */
    String webhookId() {
        return "msg_" + messageId.toString().replace("-", "");
    }
}
