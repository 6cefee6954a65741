package io.uplink.callback.unnest;

import io.uplink.callback.CallbackServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What Postgres makes of a bound batch: the same rows, in list order, nulls and all. */
@CallbackServiceTest
class UnnestedRowsInPostgresTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theBoundRowsComeBackInListOrderUnderTheNamesTheAliasGivesThem() {
        Instant base = Instant.parse("2026-12-08T04:00:00.123456Z");
        List<SampleRow> rows = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            rows.add(new SampleRow(UUID.randomUUID(), i % 7 == 0 ? null : "name " + i + " \"quoted\", {braced}",
                    i % 5 == 0 ? null : i, i % 3 == 0 ? null : i / 8.0,
                    i % 11 == 0 ? null : base.plus(i, ChronoUnit.MICROS)));
        }

        List<SampleRow> read = SampleRow.COLUMNS.bind(jdbc.sql("select r.id, r.name, r.count, r.delay, r.at from %s as r(id, name, count, delay, at)"
                        .formatted(SampleRow.COLUMNS.rows())), rows)
                .query((rs, n) -> {
                    Timestamp at = rs.getTimestamp("at");
                    return new SampleRow(rs.getObject("id", UUID.class), rs.getString("name"), (Integer) rs.getObject("count"),
                            (Double) rs.getObject("delay"), at == null ? null : at.toInstant());
                })
                .list();

        assertThat(read).containsExactlyElementsOf(rows);
    }

    @Test
    void anEmptyBatchIsNoRows() {
        assertThat(SampleRow.COLUMNS.bind(jdbc.sql("select count(*) from %s as r(id, name, count, delay, at)".formatted(SampleRow.COLUMNS.rows())),
                List.of()).query(Long.class).single()).isZero();
    }
}
