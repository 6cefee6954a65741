package io.uplink.callback.delivery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * A disabled endpoint's pending deliveries wait parked ({@code next_attempt_at = 'infinity'}), out of the due order:
 * left due, a disabled endpoint's backlog would sit at the front of {@code deliveries_due}, and every claim would
 * walk it and find nothing it may take. Enabling the endpoint makes them due again, in the order they were created.
 *
 * <p>Parking and unparking both lock the endpoint's row, so they never interleave: a park parks only while the
 * endpoint is still disabled, and an unpark sees every row parked before it. A park takes at most {@value #BATCH}
 * rows, the earliest due first, and never a leased one (a worker is sending it; its outcome or its lease's end makes
 * it due again). What a park leaves behind is parked by the claims that meet it once it is due, so no one statement
 * holds the endpoint's lock for long.
 */
@Component
public class ParkedDeliveries {

    static final int BATCH = 10_000;

    private static final String PARK = """
            with disabled as (
                select id from endpoints where id = any (:ids) and not enabled
                for no key update %s),
            waiting as (
                select w.id from disabled e
                cross join lateral (
                    select d.id from deliveries d
                    where d.endpoint_id = e.id and d.status = 'pending' and d.next_attempt_at < 'infinity'
                      and (d.locked_until is null or d.locked_until <= now())
                    order by d.next_attempt_at
                    limit :batch
                    for no key update of d skip locked) w)
            update deliveries d
            set next_attempt_at = 'infinity', locked_until = null, updated_at = now()
            from waiting w where d.id = w.id""";
    /** Waits for the endpoint's lock: the disabling that holds it, or a claim's park of it. */
    private static final String PARK_WAITING = PARK.formatted("");
    /** Leaves alone an endpoint whose lock another transaction holds (it is being disabled, enabled or parked). */
    private static final String PARK_UNLESS_BUSY = PARK.formatted("skip locked");
    private static final String UNPARK = """
            with enabled as (
                select id from endpoints where id = :id and enabled
                for no key update)
            update deliveries d
            set next_attempt_at = d.created_at, updated_at = now()
            from enabled e
            where d.endpoint_id = e.id and d.status = 'pending' and d.next_attempt_at = 'infinity'""";

    private final JdbcClient jdbc;

    ParkedDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Parks pending deliveries of the endpoint if it is disabled, waiting for its lock; returns how many. */
    @Transactional
    public int parkOf(UUID endpointId) {
        return park(PARK_WAITING, List.of(endpointId));
    }

    /**
     * Parks pending deliveries of those of the endpoints that are disabled and not locked by another transaction:
     * a claim that met their due rows does not wait for anyone.
     */
    @Transactional
    public int parkMet(Collection<UUID> endpointIds) {
        return endpointIds.isEmpty() ? 0 : park(PARK_UNLESS_BUSY, endpointIds);
    }

    private int park(String statement, Collection<UUID> endpointIds) {
        return jdbc.sql(statement).param("ids", endpointIds.toArray(UUID[]::new)).param("batch", BATCH).update();
    }

    /**
     * Makes every parked delivery of the endpoint due, each since its creation: the longest waiting first. Does
     * nothing unless the endpoint is enabled.
     */
    @Transactional
    public int unparkOf(UUID endpointId) {
        return jdbc.sql(UNPARK).param("id", endpointId).update();
    }
}
