package io.uplink.callback.delivery;

import io.uplink.callback.signing.SigningKeys;
import io.uplink.callback.signing.WebhookSecret;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The durable queue is the deliveries table itself. A claim moves {@code next_attempt_at} one lease into the
 * future, so the claimed rows are invisible to other workers and replicas, and become due again by themselves if
 * this worker dies before recording an outcome (at-least-once, same webhook id).
 */
@Component
class DeliveryQueue {

    private final JdbcClient jdbc;

    DeliveryQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public List<ClaimedDelivery> claim(int limit, Duration lease, java.util.Collection<UUID> skipEndpoints) {
        List<UUID> ids = jdbc.sql("""
                        with due as (
                            select d.id from deliveries d
                            join endpoints e on e.id = d.endpoint_id and e.enabled
                            where d.status = 'pending' and d.next_attempt_at <= now()
                              and not (d.endpoint_id = any (:skip))
                            order by d.next_attempt_at
                            limit :limit
                            for update of d skip locked)
                        update deliveries d
                        set next_attempt_at = now() + make_interval(secs => :leaseSeconds),
                            locked_until = now() + make_interval(secs => :leaseSeconds), updated_at = now()
                        from due where d.id = due.id
                        returning d.id""")
                .param("limit", limit).param("leaseSeconds", lease.toMillis() / 1000.0)
                .param("skip", skipEndpoints.toArray(UUID[]::new))
                .query(UUID.class).list();
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select d.id, d.message_id, d.endpoint_id, d.tenant_id, d.attempt_count,
                               e.url, e.rate_limit_per_second, e.secret, e.previous_secret,
                               e.previous_secret_expires_at, m.payload
                        from deliveries d
                        join endpoints e on e.id = d.endpoint_id
                        join messages m on m.id = d.message_id
                        where d.id = any (:ids)""")
                .param("ids", ids.toArray(UUID[]::new))
                .query((rs, row) -> {
                    String previous = rs.getString("previous_secret");
                    Timestamp previousExpires = rs.getTimestamp("previous_secret_expires_at");
                    return new ClaimedDelivery(
                            rs.getObject("id", UUID.class),
                            rs.getObject("message_id", UUID.class),
                            rs.getObject("endpoint_id", UUID.class),
                            rs.getString("tenant_id"),
                            rs.getInt("attempt_count"),
                            rs.getString("url"),
                            (Integer) rs.getObject("rate_limit_per_second"),
                            new SigningKeys(new WebhookSecret(rs.getString("secret")),
                                    previous == null ? null : new WebhookSecret(previous),
                                    previousExpires == null ? null : previousExpires.toInstant()),
                            rs.getString("payload"));
                })
                .list();
    }

    /** Hands a claimed delivery back untried (endpoint busy or over its rate limit); no attempt is counted. */
    public void release(UUID deliveryId, Duration delay) {
        jdbc.sql("""
                        update deliveries set next_attempt_at = now() + make_interval(secs => :delaySeconds),
                               locked_until = null, updated_at = now()
                        where id = :id and status = 'pending'""")
                .param("delaySeconds", delay.toMillis() / 1000.0).param("id", deliveryId).update();
    }

    /**
     * Records the attempt and moves the delivery on: done, failed for good, or due again at {@code nextAttemptAt}.
     * The endpoint's failure streak is kept here too, and the endpoint disabled when told to.
     *
     * @param nextAttemptAt null when the delivery is finished (succeeded or failed for good)
     * @param disableEndpointReason non-null to disable the endpoint in the same transaction
     */
    @Transactional
    public void record(ClaimedDelivery delivery, AttemptResult result, Instant nextAttemptAt,
                       String disableEndpointReason) {
        int attemptNumber = delivery.attemptCount() + 1;
        String status = result.succeeded() ? "succeeded" : nextAttemptAt == null ? "failed" : "pending";
        jdbc.sql("""
                        insert into attempts (id, delivery_id, message_id, endpoint_id, tenant_id, attempt_number,
                                              outcome, status_code, latency_ms, response_snippet, error)
                        values (:id, :deliveryId, :messageId, :endpointId, :tenantId, :attemptNumber,
                                :outcome, :statusCode, :latency, :snippet, :error)""")
                .param("id", UUID.randomUUID())
                .param("deliveryId", delivery.id())
                .param("messageId", delivery.messageId())
                .param("endpointId", delivery.endpointId())
                .param("tenantId", delivery.tenantId())
                .param("attemptNumber", attemptNumber)
                .param("outcome", result.succeeded() ? "succeeded" : "failed")
                .param("statusCode", result.statusCode())
                .param("latency", (int) Math.min(Integer.MAX_VALUE, result.latencyMillis()))
                .param("snippet", result.snippet())
                .param("error", result.error())
                .update();
        jdbc.sql("""
                        update deliveries
                        set status = :status, attempt_count = :attemptNumber,
                            next_attempt_at = :nextAttemptAt, locked_until = null,
                            last_attempt_at = now(), last_status_code = :statusCode, last_error = :error,
                            updated_at = now()
                        where id = :id""")
                .param("status", status)
                .param("attemptNumber", attemptNumber)
                .param("nextAttemptAt", nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt))
                .param("statusCode", result.statusCode())
                .param("error", result.error())
                .param("id", delivery.id())
                .update();
        if (result.succeeded()) {
            jdbc.sql("update endpoints set failing_since = null where id = :id and failing_since is not null")
                    .param("id", delivery.endpointId()).update();
        } else {
            jdbc.sql("update endpoints set failing_since = coalesce(failing_since, now()) where id = :id")
                    .param("id", delivery.endpointId()).update();
        }
        if (disableEndpointReason != null) {
            jdbc.sql("""
                            update endpoints set enabled = false, disabled_reason = :reason, disabled_at = now(),
                                   updated_at = now()
                            where id = :id and enabled""")
                    .param("reason", disableEndpointReason).param("id", delivery.endpointId()).update();
        }
    }

    /** When the endpoint's current run of failures began, or null when its last attempt succeeded. */
    public Instant failingSince(UUID endpointId) {
        List<Timestamp> rows = jdbc.sql("select failing_since from endpoints where id = :id")
                .param("id", endpointId).query(Timestamp.class).list();
        return rows.isEmpty() || rows.get(0) == null ? null : rows.get(0).toInstant();
    }
}
