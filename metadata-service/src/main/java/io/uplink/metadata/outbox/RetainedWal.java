package io.uplink.metadata.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.Optional;

/**
 * How much WAL the relay's replication slot holds back: {@code pg_current_wal_lsn() - restart_lsn}. Postgres
 * keeps all of it, for every write to the server, until the relay confirms it, so a stalled relay grows it
 * without bound. Read on demand (health, metrics scrape): one cheap query of {@code pg_replication_slots}.
 * Also the gauge {@code uplink.metadata.outbox.slot.retained.wal} (bytes; NaN while unknown).
 */
@Component
public class RetainedWal implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(RetainedWal.class);

    private final JdbcClient jdbc;
    private final String slotName;

    public RetainedWal(DataSource dataSource, RelayProperties properties) {
        this.jdbc = JdbcClient.create(dataSource);
        this.slotName = properties.slotName();
    }

    /**
     * @param retainedBytes WAL held back by the slot; null if the slot has lost its WAL ({@code wal_status = 'lost'})
     * @param walStatus Postgres's {@code wal_status}: reserved, extended, unreserved or lost
     */
    public record Slot(Long retainedBytes, String walStatus) {
    }

    /** The slot, or empty when it does not exist. */
    public Optional<Slot> slot() {
        return jdbc.sql("""
                        select pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint as retained, wal_status
                        from pg_replication_slots where slot_name = ?""")
                .param(slotName)
                .query((row, n) -> new Slot((Long) row.getObject("retained", Long.class), row.getString("wal_status")))
                .optional();
    }

    String slotName() {
        return slotName;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("uplink.metadata.outbox.slot.retained.wal", this, RetainedWal::retainedBytesOrNaN)
                .baseUnit("bytes")
                .description("WAL the outbox relay's replication slot holds back")
                .tag("slot", slotName)
                .register(registry);
    }

    private double retainedBytesOrNaN() {
        try {
            return slot().map(Slot::retainedBytes).map(Long::doubleValue).orElse(Double.NaN);
        } catch (DataAccessException e) {
            log.debug("retained WAL of slot {} unknown: {}", slotName, e.toString());
            return Double.NaN;
        }
    }
}
