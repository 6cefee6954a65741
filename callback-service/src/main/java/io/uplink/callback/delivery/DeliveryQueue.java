package io.uplink.callback.delivery;

import io.uplink.callback.ids.TimeOrderedIds;
import io.uplink.callback.secretstore.SecretCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The durable queue is the deliveries table itself. A claim moves {@code next_attempt_at} one lease into the
 * future, so the claimed rows are invisible to other workers and replicas, and become due again by themselves if
 * this worker dies before recording an outcome (at-least-once, same webhook id).
 */
@Component
class DeliveryQueue {

    private final JdbcClient jdbc;
    private final SecretCipher secrets;

    DeliveryQueue(JdbcClient jdbc, SecretCipher secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /**
     * One statement (atomic on its own, one round trip): claims due rows and reads what sending them needs. A row
     * whose endpoint's secret does not decrypt is left out (and stays leased): one such endpoint must not stop the
     * others' deliveries.
     */
    public List<ClaimedDelivery> claim(int limit, Duration lease, java.util.Collection<UUID> skipEndpoints) {
        return jdbc.sql("""
                        with due as (
                            select d.id from deliveries d
                            join endpoints e on e.id = d.endpoint_id and e.enabled
                            where d.status = 'pending' and d.next_attempt_at <= now()
                              and not (d.endpoint_id = any (:skip))
                            order by d.next_attempt_at
                            limit :limit
                            for update of d skip locked),
                        claimed as (
                            update deliveries d
                            set next_attempt_at = now() + make_interval(secs => :leaseSeconds),
                                locked_until = now() + make_interval(secs => :leaseSeconds), updated_at = now()
                            from due where d.id = due.id
                            returning d.id, d.message_id, d.endpoint_id, d.tenant_id, d.attempt_count)
                        select c.id, c.message_id, c.endpoint_id, c.tenant_id, c.attempt_count,
                               e.url, e.rate_limit_per_second, e.secret, e.previous_secret,
                               e.previous_secret_expires_at, m.payload
                        from claimed c
                        join endpoints e on e.id = c.endpoint_id
                        join messages m on m.id = c.message_id""")
                .param("limit", limit).param("leaseSeconds", lease.toMillis() / 1000.0)
                .param("skip", skipEndpoints.toArray(UUID[]::new))
                .query((rs, row) -> ClaimedDelivery.readIfSecretsOpen(rs, rs.getInt("attempt_count"),
                        rs.getString("payload"), secrets))
                .list().stream().filter(Objects::nonNull).toList();
    }

    /** Hands claimed deliveries back untried (endpoint busy or over its rate limit); no attempt is counted. */
    public void release(List<Dispatch.HandBack> handBacks) {
        if (handBacks.isEmpty()) {
            return;
        }
        UUID[] ids = new UUID[handBacks.size()];
        Double[] delays = new Double[handBacks.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = handBacks.get(i).delivery().id();
            delays[i] = handBacks.get(i).delay().toMillis() / 1000.0;
        }
        jdbc.sql("""
                        update deliveries d
                        set next_attempt_at = now() + make_interval(secs => r.delay_seconds), locked_until = null,
                            updated_at = now()
                        from unnest(:ids, cast(:delays as float8[])) as r(id, delay_seconds)
                        where d.id = r.id and d.status = 'pending'""")
                .param("ids", ids).param("delays", delays).update();
    }

    /**
     * Records the attempts and moves their deliveries on to their {@link Outcome}, in one transaction: one INSERT
     * for all attempts and one UPDATE for all deliveries (rows passed as arrays, {@code unnest}), plus at most two
     * for the endpoints' failure streaks, and the endpoints disabled when told to. Per-attempt transactions capped a
     * worker at a few thousand deliveries per second, and a JDBC batch still executes one statement per row. All or
     * none are recorded; attempts that are not come back after their lease.
     */
    @Transactional
    public void recordAll(List<Dispatch.Recorded> recorded) {
        if (recorded.isEmpty()) {
            return;
        }
        int n = recorded.size();
        UUID[] attemptIds = new UUID[n];
        UUID[] deliveryIds = new UUID[n];
        UUID[] messageIds = new UUID[n];
        UUID[] endpointIds = new UUID[n];
        String[] tenantIds = new String[n];
        Integer[] attemptNumbers = new Integer[n];
        String[] outcomes = new String[n];
        Integer[] statusCodes = new Integer[n];
        Integer[] latencies = new Integer[n];
        String[] snippets = new String[n];
        String[] errors = new String[n];
        String[] statuses = new String[n];
        // ISO-8601 text, cast by Postgres: the driver has no timestamptz[] binding for Instants
        String[] nextAttempts = new String[n];
        Set<UUID> succeededEndpoints = new HashSet<>();
        Set<UUID> failedEndpoints = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Dispatch.Recorded attempt = recorded.get(i);
            ClaimedDelivery delivery = attempt.delivery();
            AttemptResult result = attempt.result();
            attemptIds[i] = TimeOrderedIds.next();
            deliveryIds[i] = delivery.id();
            messageIds[i] = delivery.messageId();
            endpointIds[i] = delivery.endpointId();
            tenantIds[i] = delivery.tenantId();
            attemptNumbers[i] = delivery.attemptCount() + 1;
            outcomes[i] = result.succeeded() ? "succeeded" : "failed";
            statusCodes[i] = result.statusCode();
            latencies[i] = (int) Math.min(Integer.MAX_VALUE, result.latencyMillis());
            snippets[i] = result.snippet();
            errors[i] = result.error();
            statuses[i] = attempt.outcome().status();
            Instant next = attempt.outcome().nextAttemptAt();
            nextAttempts[i] = next == null ? null : next.toString();
            (result.succeeded() ? succeededEndpoints : failedEndpoints).add(delivery.endpointId());
        }
        // One statement per table for the whole batch: a JDBC batch still plans and executes one statement per row.
        jdbc.sql("""
                        insert into attempts (id, delivery_id, message_id, endpoint_id, tenant_id, attempt_number,
                                              outcome, status_code, latency_ms, response_snippet, error)
                        select * from unnest(:ids, :deliveryIds, :messageIds, :endpointIds, cast(:tenantIds as text[]),
                                             :attemptNumbers, cast(:outcomes as text[]), cast(:statusCodes as int4[]),
                                             :latencies, cast(:snippets as text[]), cast(:errors as text[]))""")
                .param("ids", attemptIds).param("deliveryIds", deliveryIds).param("messageIds", messageIds)
                .param("endpointIds", endpointIds).param("tenantIds", tenantIds)
                .param("attemptNumbers", attemptNumbers).param("outcomes", outcomes)
                .param("statusCodes", statusCodes).param("latencies", latencies)
                .param("snippets", snippets).param("errors", errors)
                .update();
        jdbc.sql("""
                        update deliveries d
                        set status = r.status, attempt_count = r.attempt_number,
                            next_attempt_at = cast(r.next_attempt_at as timestamptz), locked_until = null,
                            last_attempt_at = now(), last_status_code = r.status_code, last_error = r.error,
                            updated_at = now()
                        from unnest(:ids, cast(:statuses as text[]), :attemptNumbers, cast(:nextAttempts as text[]),
                                    cast(:statusCodes as int4[]), cast(:errors as text[]))
                             as r(id, status, attempt_number, next_attempt_at, status_code, error)
                        where d.id = r.id""")
                .param("ids", deliveryIds).param("statuses", statuses).param("attemptNumbers", attemptNumbers)
                .param("nextAttempts", nextAttempts).param("statusCodes", statusCodes).param("errors", errors)
                .update();
        // an endpoint that both failed and succeeded within one batch had a success: its streak is over
        failedEndpoints.removeAll(succeededEndpoints);
        if (!succeededEndpoints.isEmpty()) {
            jdbc.sql("update endpoints set failing_since = null where id = any (:ids) and failing_since is not null")
                    .param("ids", succeededEndpoints.toArray(UUID[]::new)).update();
        }
        if (!failedEndpoints.isEmpty()) {
            jdbc.sql("update endpoints set failing_since = coalesce(failing_since, now()) where id = any (:ids)")
                    .param("ids", failedEndpoints.toArray(UUID[]::new)).update();
        }
        for (Dispatch.Recorded attempt : recorded) {
            if (attempt.disableEndpointReason() != null) {
                jdbc.sql("""
                                update endpoints set enabled = false, disabled_reason = :reason, disabled_at = now(),
                                       updated_at = now()
                                where id = :id and enabled""")
                        .param("reason", attempt.disableEndpointReason())
                        .param("id", attempt.delivery().endpointId()).update();
            }
        }
    }

    /** When the endpoint's current run of failures began, or null when its last attempt succeeded. */
    public Instant failingSince(UUID endpointId) {
        List<Timestamp> rows = jdbc.sql("select failing_since from endpoints where id = :id")
                .param("id", endpointId).query(Timestamp.class).list();
        return rows.isEmpty() || rows.get(0) == null ? null : rows.get(0).toInstant();
    }
}
