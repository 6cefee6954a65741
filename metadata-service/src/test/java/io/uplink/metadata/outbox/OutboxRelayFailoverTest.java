package io.uplink.metadata.outbox;

import io.uplink.servlet.trace.RecordTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.uplink.contracts.EventJson;
import io.uplink.contracts.FileData;
import io.uplink.contracts.FileEvent;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.KafkaEndpoint;
import io.uplink.testsupport.PostgresEndpoint;
import io.uplink.testsupport.UplinkInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two relay replicas over the same outbox: one leads, the other stands by, and when the leader loses its session
 * the standby takes over without losing an event. The relays here use their own slot, publication and topic so
 * the application's relay (in other tests of this JVM) is not disturbed.
 */
@UplinkInfrastructure({Infra.POSTGRES, Infra.KAFKA})
class OutboxRelayFailoverTest {

    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String tenant = "failover-" + suffix;
    private DatabaseSettings database;
    private RelayProperties properties;
    private final List<OutboxRelay> relays = new ArrayList<>();

    @BeforeEach
    void migrate(PostgresEndpoint postgres) {
        Flyway.configure().dataSource(postgres.jdbcUrl(), postgres.username(), postgres.password())
                .locations("classpath:db/migration/metadata").schemas("metadata").defaultSchema("metadata").load().migrate();
        database = new DatabaseSettings(postgres.jdbcUrl(), postgres.username(), postgres.password());
        properties = new RelayProperties(true, "failover-" + suffix, "failover_" + suffix, "failover_" + suffix,
                "uplink.files.events.failover-" + suffix, Duration.ofMillis(300), Duration.ofMillis(500),
                DataSize.ofGigabytes(4), Duration.ofMillis(10));
    }

    @AfterEach
    void dropReplication() throws SQLException {
        relays.forEach(OutboxRelay::close);
        try (Connection connection = database.connect()) {
            connection.createStatement().execute("select pg_drop_replication_slot(slot_name) from pg_replication_slots"
                    + " where slot_name = 'failover_" + suffix + "'");
            connection.createStatement().execute("drop publication if exists failover_" + suffix);
        }
    }

    @Test
    void standbyTakesOverWhenTheLeaderLosesItsSessionAndNoEventIsLost(KafkaEndpoint kafka) throws Exception {
        OutboxRelay first = startRelay(kafka);
        OutboxRelay second = startRelay(kafka);
        awaitTrue(() -> first.role() == OutboxRelay.Role.LEADER || second.role() == OutboxRelay.Role.LEADER,
                Duration.ofSeconds(30));
        OutboxRelay leader = first.role() == OutboxRelay.Role.LEADER ? first : second;
        OutboxRelay standby = leader == first ? second : first;
        Thread.sleep(1000);
        assertThat(standby.role()).isEqualTo(OutboxRelay.Role.STANDBY);

        try (KafkaConsumer<String, byte[]> consumer = consumer(kafka)) {
            Set<String> expected = new HashSet<>(insertOutboxRows(20));
            Map<String, String> seen = new HashMap<>();
            awaitTrue(() -> poll(consumer, seen).keySet().containsAll(expected), Duration.ofSeconds(60));

            terminateLeaderSession();
            expected.addAll(insertOutboxRows(20));
            awaitTrue(() -> standby.role() == OutboxRelay.Role.LEADER, Duration.ofSeconds(30));
            awaitTrue(() -> poll(consumer, seen).keySet().containsAll(expected), Duration.ofSeconds(60));

            assertThat(leader.role()).isEqualTo(OutboxRelay.Role.STANDBY);
            assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(expected);
            awaitTrue(() -> remainingOutboxRows() == 0, Duration.ofSeconds(10));
            assertThat(storedOffsets()).isPositive();
        }
    }

    @Test
    void heartbeatsAdvanceTheSlotWhileOnlyOtherSchemasChange(KafkaEndpoint kafka) throws Exception {
        OutboxRelay relay = startRelay(kafka);
        awaitTrue(() -> relay.role() == OutboxRelay.Role.LEADER, Duration.ofSeconds(30));
        String noise = "public.noise_" + suffix;
        String lsnAfterNoise;
        try (Connection connection = database.connect()) {
            connection.createStatement().execute("create table " + noise + " (n int)");
            connection.createStatement().execute("insert into " + noise + " select generate_series(1, 5000)");
            try (ResultSet lsn = connection.createStatement().executeQuery("select pg_current_wal_lsn()::text")) {
                lsn.next();
                lsnAfterNoise = lsn.getString(1);
            }
        }
        try {
            awaitTrue(() -> count("select count(*) from pg_replication_slots where slot_name = 'failover_" + suffix
                    + "' and confirmed_flush_lsn >= '" + lsnAfterNoise + "'::pg_lsn") == 1, Duration.ofSeconds(30));
            awaitTrue(() -> count("select count(*) from metadata.relay_heartbeat where relay_name = '"
                    + properties.name() + "'") == 1, Duration.ofSeconds(20));
        } finally {
            try (Connection connection = database.connect()) {
                connection.createStatement().execute("drop table " + noise);
            }
        }
    }

    private OutboxRelay startRelay(KafkaEndpoint kafka) throws SQLException {
        OutboxRelay relay = new OutboxRelay(properties, database, kafka.bootstrapServers(), new SimpleMeterRegistry(),
                RecordTracing.untraced());
        relays.add(relay);
        relay.start();
        return relay;
    }

    private List<String> insertOutboxRows(int count) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = database.connect(); PreparedStatement insert = connection.prepareStatement(
                "insert into metadata.outbox (id, aggregate_type, aggregate_id, type, tenant_id, payload)"
                        + " values (?, 'file', ?, 'file.created', ?, ?)")) {
            for (int i = 0; i < count; i++) {
                UUID eventId = UUID.randomUUID();
                String fileId = UUID.randomUUID().toString();
                FileData data = new FileData(fileId, "uplink-uploads", "tenants/" + tenant + "/f" + i, i, "text/plain",
                        "etag", null, null, "f" + i + ".txt", Map.of(), "active", Instant.now(), null);
                FileEvent event = new FileEvent(eventId, FileEvent.FILE_CREATED, tenant, Instant.now(), data);
                insert.setObject(1, eventId);
                insert.setString(2, fileId);
                insert.setString(3, tenant);
                insert.setString(4, EventJson.writeString(event));
                insert.executeUpdate();
                ids.add(eventId.toString());
            }
        }
        return ids;
    }

    private void terminateLeaderSession() throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(
                "select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and granted"
                        + " and classid = ? and objid = ?")) {
            statement.setInt(1, 0x55504c4b);
            statement.setInt(2, properties.name().hashCode());
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next()).as("the leader holds the advisory lock").isTrue();
            }
        }
    }

    private long remainingOutboxRows() {
        return count("select count(*) from metadata.outbox where tenant_id = '" + tenant + "'");
    }

    private long storedOffsets() {
        return count("select count(*) from metadata.relay_offsets where relay_name = '" + properties.name() + "'");
    }

    private long count(String sql) {
        try (Connection connection = database.connect(); ResultSet result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private KafkaConsumer<String, byte[]> consumer(KafkaEndpoint kafka) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "failover-test-" + suffix,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(properties.topic()));
        return consumer;
    }

    private static Map<String, String> poll(KafkaConsumer<String, byte[]> consumer, Map<String, String> seen) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            FileEvent event = EventJson.read(record.value(), FileEvent.class);
            assertThat(record.key()).isEqualTo(event.data().fileId());
            seen.put(event.eventId().toString(), record.key());
        }
        return seen;
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(200);
        }
    }
}
