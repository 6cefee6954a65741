package io.uplink.callback.delivery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.UUID;

/**
 * A disabled endpoint's pending deliveries wait parked ({@code next_attempt_at = 'infinity'}), out of the due order:
 * left due, a disabled endpoint's backlog would sit at the front of {@code deliveries_due}, and every claim would
 * walk it and find nothing it may take. Enabling the endpoint makes them due again, in the order they were created.
 * Both take the endpoint's row lock, so a park and an unpark of the same endpoint never interleave.
 */
@Component
public class ParkedDeliveries {

    /**
     * Of the listed endpoints, those still disabled, locked; their pending deliveries not yet parked, each locked
     * unless another claim or record holds it (what is skipped here is parked by a later claim that meets it).
     */
    private static final String PARK = """
            with disabled as (
                select id from endpoints where id = any (:ids) and not enabled
                for no key update),
            waiting as (
                select d.id from deliveries d
                join disabled e on e.id = d.endpoint_id
                where d.status = 'pending' and d.next_attempt_at < 'infinity'
                for update of d skip locked)
            update deliveries d
            set next_attempt_at = 'infinity', locked_until = null, updated_at = now()
            from waiting w where d.id = w.id""";
    private static final String UNPARK = """
            update deliveries
            set next_attempt_at = created_at, updated_at = now()
            where endpoint_id = :id and status = 'pending' and next_attempt_at = 'infinity'""";

    private final JdbcClient jdbc;

    ParkedDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Parks the pending deliveries of those of the endpoints that are disabled; returns how many. */
    @Transactional
    public int parkOf(Collection<UUID> endpointIds) {
        if (endpointIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql(PARK).param("ids", endpointIds.toArray(UUID[]::new)).update();
    }

    /**
     * Makes the endpoint's parked deliveries due, each at its creation: the longest waiting first. Called in the
     * transaction that enables the endpoint, after the update that took its row lock.
     */
    @Transactional
    public int unparkOf(UUID endpointId) {
        return jdbc.sql(UNPARK).param("id", endpointId).update();
    }
}
