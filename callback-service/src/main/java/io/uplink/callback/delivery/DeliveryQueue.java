package io.uplink.callback.delivery;

import io.uplink.callback.secretstore.SecretCipher;
import io.uplink.callback.unnest.UnnestedRows;
import io.uplink.service.ids.TimeOrderedIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The durable queue is the deliveries table itself. A claim moves {@code next_attempt_at} one lease into the
 * future, so the claimed rows are invisible to other workers and replicas, and become due again by themselves if
 * this worker dies before recording an outcome (at-least-once, same webhook id).
 */
@Component
class DeliveryQueue {

    private static final Logger log = LoggerFactory.getLogger(DeliveryQueue.class);

    private static final UnnestedRows<Dispatch.HandBack> HAND_BACKS = UnnestedRows.<Dispatch.HandBack>columns()
            .uuid("ids", handBack -> handBack.delivery().id())
            .float8("delays", handBack -> handBack.delay().toMillis() / 1000.0)
            .build();
    private static final String RELEASE = """
            update deliveries d
            set next_attempt_at = now() + make_interval(secs => r.delay_seconds), locked_until = null,
                updated_at = now()
            from %s as r(id, delay_seconds)
            where d.id = r.id and d.status = 'pending'""".formatted(HAND_BACKS.rows());

    private static final UnnestedRows<Dispatch.Recorded> RECORDED = UnnestedRows.<Dispatch.Recorded>columns()
            .uuid("ids", attempt -> TimeOrderedIds.next()) // the attempt row's own id
            .uuid("deliveryIds", attempt -> attempt.delivery().id())
            .uuid("messageIds", attempt -> attempt.delivery().messageId())
            .uuid("endpointIds", attempt -> attempt.delivery().endpointId())
            .text("tenantIds", attempt -> attempt.delivery().tenantId())
            .int4("attemptNumbers", attempt -> attempt.delivery().attemptCount() + 1)
            .text("outcomes", attempt -> attempt.result().succeeded() ? "succeeded" : "failed")
            .int4("statusCodes", attempt -> attempt.result().statusCode())
            .int4("latencies", attempt -> (int) Math.min(Integer.MAX_VALUE, attempt.result().latencyMillis()))
            .text("snippets", attempt -> attempt.result().snippet())
            .text("errors", attempt -> attempt.result().error())
            .text("statuses", attempt -> attempt.outcome().status())
            .timestamptz("nextAttempts", attempt -> attempt.outcome().nextAttemptAt())
            .build();
    /**
     * Each delivery moved on to its outcome and its attempt logged, in one statement. An attempt is logged only for
     * a delivery that is still there (its endpoint may have been deleted while it was being sent): that is what a
     * foreign key would check, found here by the update's own lookup of the row, with no lock on it and without
     * failing the attempts of every other endpoint in the batch.
     */
    private static final String RECORD = """
            with recorded as (
                select * from %s
                     as r(id, delivery_id, message_id, endpoint_id, tenant_id, attempt_number, outcome, status_code,
                          latency_ms, response_snippet, error, status, next_attempt_at)),
            moved as (
                update deliveries d
                set status = r.status, attempt_count = r.attempt_number, next_attempt_at = r.next_attempt_at,
                    locked_until = null, last_attempt_at = now(), last_status_code = r.status_code,
                    last_error = r.error, updated_at = now()
                from recorded r
                where d.id = r.delivery_id
                returning d.id)
            insert into attempts (id, delivery_id, message_id, endpoint_id, tenant_id, attempt_number,
                                  outcome, status_code, latency_ms, response_snippet, error)
            select r.id, r.delivery_id, r.message_id, r.endpoint_id, r.tenant_id, r.attempt_number,
                   r.outcome, r.status_code, r.latency_ms, r.response_snippet, r.error
            from recorded r
            where r.delivery_id in (select id from moved)""".formatted(RECORDED.rows());

    /**
     * The rows of {@code picked} (a CTE of ids) locked, those still due and not locked by another claim, each looked
     * up by its id. {@code next_attempt_at} alone says pending (the table's check: pending exactly when it is set), and
     * leaving {@code status} out keeps {@code deliveries_due}, partial on pending, out of the planner's choices: on
     * statistics of a table that had just grown it served {@code id = any(…)}, and then each id, by walking every
     * due row through that index and filtering, thousands of rows per id.
     */
    private static String lockedOf(String picked) {
        return """
                select x.id from %s p
                cross join lateral (
                    select d.id from deliveries d
                    where d.id = p.id and d.next_attempt_at <= now()
                    for update of d skip locked) x""".formatted(picked);
    }

    /** The end of every claim: the rows of {@code due} leased ({@code claimed}) and what sending them needs read. */
    private static final String CLAIMED_AND_READ = """
            claimed as (
                update deliveries d
                set next_attempt_at = now() + make_interval(secs => :leaseSeconds),
                    locked_until = now() + make_interval(secs => :leaseSeconds), updated_at = now()
                from due where d.id = due.id
                returning d.id, d.message_id, d.endpoint_id, d.tenant_id, d.attempt_count),
            claimed_read as (
                select c.id, c.message_id, c.endpoint_id, c.tenant_id, c.attempt_count,
                       e.url, e.rate_limit_per_second, e.secret, e.previous_secret,
                       e.previous_secret_expires_at, m.payload, m.traceparent, m.occurred_at
                from claimed c
                join endpoints e on e.id = c.endpoint_id
                join messages m on m.id = c.message_id)""";

    /**
     * The earliest due rows, as many as the limit whatever their endpoints' room: skipping the endpoints without room
     * inside the walk would walk a whole backlog (and its dead index entries) each time every endpoint that has one is
     * busy. Endpoints whose rows sit behind such a backlog are reached endpoint by endpoint. Looking further than the
     * limit does not pay: with one busy endpoint, looking at up to four times the limit cost 2.5 ms a claim that took
     * 3.5 rows on average (docs/bench-log.md).
     */
    private static final String CLAIM = """
            with room as (
                select * from %s as r(endpoint_id, room)),
            earliest as (
                select x.id, x.endpoint_id, x.next_attempt_at, e.enabled from (
                    select d.id, d.endpoint_id, d.next_attempt_at from deliveries d
                    where d.status = 'pending' and d.next_attempt_at <= now()
                    order by d.next_attempt_at
                    limit :limit) x
                join endpoints e on e.id = x.endpoint_id),
            within_room as (
                select ranked.id from (
                    select x.id, x.next_attempt_at, coalesce(r.room, :fullRoom) as room,
                           row_number() over (partition by x.endpoint_id order by x.next_attempt_at) as place
                    from earliest x
                    left join room r on r.endpoint_id = x.endpoint_id
                    where x.enabled) ranked
                where ranked.place <= ranked.room
                order by ranked.next_attempt_at
                limit :limit),
            due as (%s),
            %s
            select s.scanned, s.disabled, r.* from (
                select count(*) as scanned,
                       array_agg(distinct x.endpoint_id) filter (where not x.enabled) as disabled
                from earliest x) s
            left join claimed_read r on true""".formatted(EndpointRooms.rows(), lockedOf("within_room"),
            CLAIMED_AND_READ);

    /** How many endpoints one claim endpoint by endpoint looks at, at most. */
    private static final int ENDPOINTS_PER_CLAIM = 256;
    /** The nil UUID: Postgres orders UUIDs by their bytes, unsigned, so no id comes before it. */
    private static final UUID BEFORE_ALL_ENDPOINTS = new UUID(0, 0);
    /**
     * Enabled endpoints after {@code :after} in id order, at most {@code :max}, each with whether it has a due
     * delivery: one seek each in {@code deliveries_by_endpoint}, however long its backlog is.
     */
    private static final String ENDPOINTS_AFTER = """
            select e.id, exists (select 1 from deliveries d
                                 where d.endpoint_id = e.id and d.status = 'pending'
                                   and d.next_attempt_at <= now()) as has_due
            from (select id from endpoints where enabled and id > :after order by id limit :max) e
            order by e.id""";
    private static final UnnestedRows<EndpointRooms.Room> TAKES = UnnestedRows.<EndpointRooms.Room>columns()
            .uuid("takeEndpointIds", EndpointRooms.Room::endpointId)
            .int4("takes", EndpointRooms.Room::room)
            .build();
    /** Of each endpoint listed, its earliest due rows up to its take, through the endpoint's own index. */
    private static final String CLAIM_OF_ENDPOINTS = """
            with takes as (
                select t.endpoint_id, t.take from %s as t(endpoint_id, take)
                join endpoints e on e.id = t.endpoint_id and e.enabled),
            picked as (
                select x.id from takes t
                cross join lateral (
                    select d.id, d.next_attempt_at from deliveries d
                    where d.endpoint_id = t.endpoint_id and d.status = 'pending' and d.next_attempt_at <= now()
                    order by d.next_attempt_at
                    limit t.take) x
                order by x.next_attempt_at
                limit :limit),
            due as (%s),
            %s
            select * from claimed_read""".formatted(TAKES.rows(), lockedOf("picked"), CLAIMED_AND_READ);

    private final JdbcClient jdbc;
    private final SecretCipher secrets;
    private final ParkedDeliveries parked;
    /** Where the next look at endpoints with due rows starts. */
    private final AtomicReference<UUID> endpointsCursor = new AtomicReference<>(BEFORE_ALL_ENDPOINTS);

    DeliveryQueue(JdbcClient jdbc, SecretCipher secrets, ParkedDeliveries parked) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.parked = parked;
    }

    /**
     * Claims due rows, at most each endpoint's room here, and reads what sending them needs. First the earliest due
     * rows, as many as the limit (of each endpoint only as many as its room, so a claim does not take a busy
     * endpoint's backlog only to hand it back). When those leave the claim short and there were more due rows than
     * were looked at, the endpoints are looked at in turn, a bounded number per claim, and each with due rows and room
     * gives its earliest due rows: an endpoint behind another's backlog is not starved, and a claim never walks a
     * backlog. A row whose endpoint's secret does not decrypt is left out (and stays leased): one such endpoint must
     * not stop the others' deliveries. Due rows of disabled endpoints that the claim meets (left due by a retry or
     * hand-back that raced the disabling, or by a resend) are parked, so later claims do not meet them again.
     */
    public List<ClaimedDelivery> claim(int limit, Duration lease, EndpointRooms rooms) {
        AtomicInteger scanned = new AtomicInteger(-1);
        Set<UUID> disabled = new HashSet<>();
        List<ClaimedDelivery> earliest = read(rooms.bind(jdbc.sql(CLAIM)).param("limit", limit), lease, rs -> {
            if (scanned.get() < 0) { // the same on every row
                scanned.set(rs.getInt("scanned"));
                Array ids = rs.getArray("disabled");
                if (ids != null) {
                    disabled.addAll(List.of((UUID[]) ids.getArray()));
                }
            }
        });
        parkMet(disabled);
        // every due row was looked at (the walk did not reach the limit): none waits behind a backlog
        if (earliest.size() >= limit || scanned.get() < limit) {
            return earliest;
        }
        List<ClaimedDelivery> claimed = new ArrayList<>(earliest);
        List<EndpointRooms.Room> others = rooms.lessTaken(earliest.stream().map(ClaimedDelivery::endpointId).toList())
                .withRoomAmong(nextEndpointsWithDue());
        claimed.addAll(claimOfEndpoints(others, limit - earliest.size(), lease));
        return claimed;
    }

    /** The claimed rows are the claim's whatever happens here: a failed park is tried again by the next claim. */
    private void parkMet(Set<UUID> disabled) {
        try {
            parked.parkMet(disabled);
        } catch (DataAccessException | TransactionException e) {
            log.warn("could not park the due deliveries of disabled endpoints {}: {}", disabled, e.getMessage());
        }
    }

    /**
     * Claims due rows of one endpoint, earliest first, through the endpoint's own index: as cheap with a backlog of
     * a million as with none.
     */
    public List<ClaimedDelivery> claimOf(UUID endpointId, int limit, Duration lease) {
        return claimOfEndpoints(List.of(new EndpointRooms.Room(endpointId, limit)), limit, lease);
    }

    private List<ClaimedDelivery> claimOfEndpoints(List<EndpointRooms.Room> takes, int limit, Duration lease) {
        if (takes.isEmpty() || limit <= 0) {
            return List.of();
        }
        return read(TAKES.bind(jdbc.sql(CLAIM_OF_ENDPOINTS), takes).param("limit", limit), lease, rs -> {
        });
    }

    /**
     * Of the next endpoints, after those looked at last time, the ones with due rows; from the first again once the
     * last one was reached, so each endpoint has its turn.
     */
    private List<UUID> nextEndpointsWithDue() {
        UUID after = endpointsCursor.get();
        List<UUID> lookedAt = new ArrayList<>();
        List<UUID> withDue = new ArrayList<>();
        jdbc.sql(ENDPOINTS_AFTER).param("after", after).param("max", ENDPOINTS_PER_CLAIM).query(rs -> {
            UUID endpointId = rs.getObject("id", UUID.class);
            lookedAt.add(endpointId);
            if (rs.getBoolean("has_due")) {
                withDue.add(endpointId);
            }
        });
        endpointsCursor.compareAndSet(after, lookedAt.size() < ENDPOINTS_PER_CLAIM
                ? BEFORE_ALL_ENDPOINTS : lookedAt.get(lookedAt.size() - 1));
        return withDue;
    }

    /** The claimed rows (a row without an id is none); {@code alsoRead} reads a row's extra columns. */
    private List<ClaimedDelivery> read(StatementSpec statement, Duration lease, ExtraColumns alsoRead) {
        return statement.param("leaseSeconds", lease.toMillis() / 1000.0)
                .query((rs, row) -> {
                    alsoRead.read(rs);
                    return rs.getObject("id") == null ? null : ClaimedDelivery.readIfSecretsOpen(rs,
                            rs.getInt("attempt_count"), ClaimedDelivery.Message.read(rs), secrets);
                })
                .list().stream().filter(Objects::nonNull).toList();
    }

    @FunctionalInterface
    private interface ExtraColumns {
        void read(ResultSet rs) throws SQLException;
    }

    /** Hands claimed deliveries back untried (endpoint busy or over its rate limit); no attempt is counted. */
    public void release(List<Dispatch.HandBack> handBacks) {
        if (handBacks.isEmpty()) {
            return;
        }
        HAND_BACKS.bind(jdbc.sql(RELEASE), handBacks).update();
    }

    /**
     * Records the attempts and moves their deliveries on to their {@link Outcome}, in one transaction: one statement
     * for all attempts and their deliveries, plus at most two for the endpoints' failure streaks, and
     * the endpoints disabled when told to (their deliveries are parked by the claims that meet them, not in this
     * transaction, which records for every tenant). Per-attempt transactions capped a worker at a few thousand
     * deliveries per second. All or none are recorded; attempts that are not come back after their lease.
     */
    @Transactional
    public void recordAll(List<Dispatch.Recorded> recorded) {
        if (recorded.isEmpty()) {
            return;
        }
        RECORDED.bind(jdbc.sql(RECORD), recorded).update();
        Set<UUID> succeededEndpoints = new HashSet<>();
        Set<UUID> failedEndpoints = new HashSet<>();
        for (Dispatch.Recorded attempt : recorded) {
            (attempt.result().succeeded() ? succeededEndpoints : failedEndpoints).add(attempt.delivery().endpointId());
        }
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
