package io.uplink.metadata.usage;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Usage read from the files table, at the moment of the call (no counters to drift). */
@Repository
class UsageRepository {

    /** Files that take space and count: recorded and not deleted or rejected. */
    private static final String HELD = "status in ('active', 'pending')";

    record Measured(long storedBytes, long files, long uploadsToday) {
    }

    record PerTenant(String tenantId, long storedBytes, long files) {
    }

    private final JdbcClient jdbc;

    UsageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One pass over the tenant's rows (its {@code (tenant_id, created_at, id)} index). */
    Measured of(String tenantId, LocalDate day) {
        return jdbc.sql("select coalesce(sum(size) filter (where " + HELD + "), 0), count(*) filter (where " + HELD
                        + "), count(*) filter (where created_at >= ?) from metadata.files where tenant_id = ?")
                .params(day.atStartOfDay().atOffset(ZoneOffset.UTC), tenantId)
                .query((rows, i) -> new Measured(rows.getLong(1), rows.getLong(2), rows.getLong(3)))
                .single();
    }

    /** Every tenant holding files: one scan of the table. */
    List<PerTenant> all() {
        return jdbc.sql("select tenant_id, sum(size), count(*) from metadata.files where " + HELD
                        + " group by tenant_id")
                .query((rows, i) -> new PerTenant(rows.getString(1), rows.getLong(2), rows.getLong(3)))
                .list();
    }

}
