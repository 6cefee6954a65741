package io.uplink.metadata.outbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.PostgresEndpoint;
import io.uplink.testsupport.UplinkInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replication slot that nobody reads, on the tests' real Postgres, while 16 MB of rows are written: the relay's
 * health and gauge show what the slot holds back (more than 1 MB of it, whatever Postgres compresses). The slot is this test's own, so the application's relay (in other
 * tests of this JVM) is not disturbed; no relay runs on this replica here.
 */
@UplinkInfrastructure(Infra.POSTGRES)
class RetainedWalTest {

    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String slot = "walcheck_" + suffix;
    private JdbcClient jdbc;
    private PGSimpleDataSource dataSource;

    @BeforeEach
    void createSlot(PostgresEndpoint postgres) {
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl());
        dataSource.setUser(postgres.username());
        dataSource.setPassword(postgres.password());
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("select pg_create_logical_replication_slot(?, 'pgoutput')").param(slot).query().singleRow();
    }

    @AfterEach
    void dropSlot() {
        jdbc.sql("select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = ?")
                .param(slot).query().listOfRows();
        jdbc.sql("drop table if exists public." + slot).update();
    }

    private void writeWal(int megabytes) {
        jdbc.sql("create table public." + slot + " (filler text)").update();
        jdbc.sql("insert into public." + slot + " select repeat(md5(i::text), 32) from generate_series(1, ?) as i")
                .param(megabytes * 1024).update();
    }

    private OutboxSlotHealthIndicator relayHealth(DataSize maxRetainedWal) {
        RelayProperties properties = new RelayProperties(true, "walcheck-" + suffix, slot, slot, "unused",
                Duration.ofSeconds(1), Duration.ofSeconds(10), maxRetainedWal, Duration.ofMillis(10));
        return new OutboxSlotHealthIndicator(new RetainedWal(dataSource, properties), properties);
    }

    @Test
    void aSlotHoldingBackMoreWalThanAllowedIsOutOfService() {
        writeWal(16);

        Health health = relayHealth(DataSize.ofMegabytes(1)).health();

        assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat((Long) health.getDetails().get("retainedWalBytes")).isGreaterThan(DataSize.ofMegabytes(1).toBytes());
        assertThat(health.getDetails()).containsEntry("slot", slot).containsEntry("walStatus", "reserved")
                .containsEntry("maxRetainedWalBytes", DataSize.ofMegabytes(1).toBytes());
    }

    @Test
    void aSlotWithinItsAllowanceIsUp() {
        writeWal(16);

        Health health = relayHealth(DataSize.ofGigabytes(4)).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat((Long) health.getDetails().get("retainedWalBytes")).isGreaterThan(DataSize.ofMegabytes(1).toBytes());
    }

    @Test
    void exposesTheRetainedWalAsAGaugeInBytes() {
        RelayProperties properties = new RelayProperties(true, "walcheck-" + suffix, slot, slot, "unused",
                Duration.ofSeconds(1), Duration.ofSeconds(10), DataSize.ofGigabytes(4), Duration.ofMillis(10));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new RetainedWal(dataSource, properties).bindTo(registry);
        writeWal(16);

        double retained = registry.get("uplink.metadata.outbox.slot.retained.wal").tag("slot", slot).gauge().value();

        assertThat(retained).isGreaterThan(DataSize.ofMegabytes(1).toBytes());
    }
}
