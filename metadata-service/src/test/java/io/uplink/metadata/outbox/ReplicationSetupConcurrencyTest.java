package io.uplink.metadata.outbox;

import io.uplink.testsupport.Infra;
import io.uplink.testsupport.PostgresEndpoint;
import io.uplink.testsupport.UplinkInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replicas that start together (a rollout, a scaled start) all run the replication set-up at the same moment
 * against the same database: every one of them starts, and they leave exactly one publication covering both
 * tables and one slot.
 */
@UplinkInfrastructure(Infra.POSTGRES)
class ReplicationSetupConcurrencyTest {

    private static final int ROUNDS = 25;
    private static final int REPLICAS = 4;

    private DatabaseSettings database;

    @BeforeEach
    void migrate(PostgresEndpoint postgres) {
        Flyway.configure().dataSource(postgres.jdbcUrl(), postgres.username(), postgres.password())
                .locations("classpath:db/migration/metadata").schemas("metadata").defaultSchema("metadata").load().migrate();
        database = new DatabaseSettings(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }

    @Test
    void replicasStartingAtTheSameMomentAllStartAndShareOnePublicationAndOneSlot() throws Exception {
        ExecutorService replicas = Executors.newFixedThreadPool(REPLICAS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String name = "concurrent_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
                CyclicBarrier together = new CyclicBarrier(REPLICAS);
                List<Future<?>> starts = new ArrayList<>();
                for (int replica = 0; replica < REPLICAS; replica++) {
                    starts.add(replicas.submit(() -> {
                        together.await();
                        ReplicationSetup.ensure(database, name, name);
                        return null;
                    }));
                }
                try {
                    for (Future<?> start : starts) {
                        start.get(60, TimeUnit.SECONDS);
                    }
                    assertThat(count("select count(*) from pg_publication where pubname = ?", name))
                            .as("publications named %s", name).isEqualTo(1);
                    assertThat(count("select count(*) from pg_publication_tables where pubname = ?", name))
                            .as("tables published by %s", name).isEqualTo(2);
                    assertThat(count("select count(*) from pg_replication_slots where slot_name = ?", name))
                            .as("slots named %s", name).isEqualTo(1);
                } finally {
                    drop(name);
                }
            }
        } finally {
            replicas.shutdownNow();
        }
    }

    @Test
    void aSecondStartFindsEverythingInPlace() throws Exception {
        String name = "restart_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try {
            ReplicationSetup.ensure(database, name, name);
            ReplicationSetup.ensure(database, name, name);
            assertThat(count("select count(*) from pg_publication_tables where pubname = ?", name)).isEqualTo(2);
            assertThat(count("select count(*) from pg_replication_slots where slot_name = ?", name)).isEqualTo(1);
        } finally {
            drop(name);
        }
    }

    @Test
    void thePublicationSendsInsertsAndUpdatesButNotTheRelaysDeletesAndAnOlderOneIsNarrowedAtStart() throws Exception {
        String name = "narrowed_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try {
            ReplicationSetup.ensure(database, name, name);
            assertThat(count(PUBLISHING_DELETES, name)).isZero();
            assertThat(count("select count(*) from pg_publication where pubname = ? and pubinsert and pubupdate", name))
                    .isEqualTo(1);

            // a publication from before, publishing every operation
            try (Connection connection = database.connect()) {
                connection.createStatement().execute("alter publication " + name
                        + " set (publish = 'insert, update, delete, truncate')");
            }
            assertThat(count(PUBLISHING_DELETES, name)).isEqualTo(1);
            ReplicationSetup.ensure(database, name, name);
            assertThat(count(PUBLISHING_DELETES, name)).isZero();
        } finally {
            drop(name);
        }
    }

    private static final String PUBLISHING_DELETES =
            "select count(*) from pg_publication where pubname = ? and (pubdelete or pubtruncate)";

    private long count(String sql, String name) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void drop(String name) throws SQLException {
        try (Connection connection = database.connect()) {
            connection.createStatement().execute("select pg_drop_replication_slot(slot_name) from pg_replication_slots"
                    + " where slot_name = '" + name + "'");
            connection.createStatement().execute("drop publication if exists " + name);
        }
    }
}
