package io.uplink.metadata.outbox;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.uplink.servlet.trace.RecordTracing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Relays outbox rows from the WAL to Kafka with the Debezium embedded engine, on at most one replica at a time.
 *
 * <p>Leadership is a PostgreSQL session advisory lock held on a dedicated connection: it vanishes with the
 * leader's session (crash, network loss, shutdown), and a standby polling {@code pg_try_advisory_lock} takes over.
 * A leader that can no longer see its lock connection stops its engine before anyone else can take the lead
 * for long, and the replication slot itself admits only one reader, so two engines never stream at once.
 *
 * <p>Records are marked processed only after Kafka acknowledged them, and the engine stores offsets only for
 * processed records: a crash re-sends at most the unacknowledged tail (at-least-once, same event ids).
 */
public final class OutboxRelay implements AutoCloseable {

    /** What this replica is doing. */
    public enum Role { STOPPED, STANDBY, LEADER }

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** "UPLK": the advisory-lock namespace of Uplink, so our lock ids cannot collide with other applications'. */
    static final int LOCK_NAMESPACE = 0x55504c4b;
    /** With the default 1 s election interval: every five minutes. */
    private static final int CLEANUP_EVERY_TICKS = 300;

    private final RelayProperties properties;
    private final DatabaseSettings database;
    private final String bootstrapServers;
    private final OutboxRecordMapper mapper;
    private final Counter relayed;
    private final Timer lag;
    private final RecordTracing tracing;
    private final ScheduledExecutorService elector;
    private long leaderTicks;

    private volatile Role role = Role.STOPPED;
    private volatile Throwable lastFailure;
    private volatile boolean engineFinished;
    private Connection lockConnection;
    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private ExecutorService engineThread;
    private KafkaProducer<String, byte[]> producer;
    private StandingConnection deletes;

    public OutboxRelay(RelayProperties properties, DatabaseSettings database, String bootstrapServers,
                       MeterRegistry meterRegistry, RecordTracing tracing) {
        this.tracing = tracing;
        this.properties = properties;
        this.database = database;
        this.bootstrapServers = bootstrapServers;
        this.mapper = new OutboxRecordMapper(properties.topic());
        this.relayed = Counter.builder("uplink.metadata.outbox.relayed")
                .description("outbox events acknowledged by Kafka")
                .tag("relay", properties.name())
                .register(meterRegistry);
        this.lag = Timer.builder("uplink.metadata.outbox.relay.lag")
                .description("time from an outbox row's commit to the relay sending its record")
                .tag("relay", properties.name())
                .publishPercentileHistogram()
                .register(meterRegistry);
        this.elector = Executors.newSingleThreadScheduledExecutor(
                runnable -> new Thread(runnable, "outbox-relay-elector-" + properties.name()));
    }

    /** Creates slot and publication (synchronously, so no outbox row can precede them) and starts competing. */
    public void start() throws SQLException {
        ReplicationSetup.ensure(database, properties.publicationName(), properties.slotName());
        role = Role.STANDBY;
        elector.scheduleWithFixedDelay(this::elect, 0, properties.electionInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public Role role() {
        return role;
    }

    public Throwable lastFailure() {
        return lastFailure;
    }

    public String name() {
        return properties.name();
    }

    private synchronized void elect() {
        if (role == Role.STOPPED) {
            return;
        }
        try {
            if (role == Role.LEADER) {
                if (engineFinished || !lockConnection.isValid(2)) {
                    log.warn("outbox relay {} lost its lead (engine finished: {}), stepping down",
                            properties.name(), engineFinished);
                    stepDown();
                } else if (++leaderTicks % CLEANUP_EVERY_TICKS == 0) {
                    deleteStaleRows();
                }
                return;
            }
            if (tryLock()) {
                log.info("outbox relay {} took the lead", properties.name());
                startEngine();
                role = Role.LEADER;
            }
        } catch (Exception e) {
            lastFailure = e;
            log.warn("outbox relay {} election failed: {}", properties.name(), e.toString());
            stepDown();
        }
    }

    private boolean tryLock() throws SQLException {
        if (lockConnection == null || !lockConnection.isValid(2)) {
            closeLockConnection();
            lockConnection = database.connect();
        }
        try (PreparedStatement statement = lockConnection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
            statement.setInt(1, LOCK_NAMESPACE);
            statement.setInt(2, properties.name().hashCode());
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private void startEngine() {
        Map<String, Object> producerConfig = new HashMap<>();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // each batch is sent whole and then awaited: lingering would only delay it
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + properties.name());
        producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        deletes = new StandingConnection(database::connect);
        engineFinished = false;
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(engineConfig())
                .notifying(this::relay)
                .using((success, message, error) -> {
                    if (!success) {
                        lastFailure = error;
                        log.warn("outbox relay {} engine stopped: {}", properties.name(), message, error);
                    }
                    engineFinished = true;
                })
                .build();
        engineThread = Executors.newSingleThreadExecutor(
                runnable -> new Thread(runnable, "outbox-relay-engine-" + properties.name()));
        engineThread.execute(engine);
    }

    private Properties engineConfig() {
        Properties config = database.debeziumConnection();
        config.setProperty("name", properties.name());
        config.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        config.setProperty("topic.prefix", properties.name());
        config.setProperty("plugin.name", "pgoutput");
        config.setProperty("slot.name", properties.slotName());
        config.setProperty("publication.name", properties.publicationName());
        config.setProperty("publication.autocreate.mode", "disabled");
        config.setProperty("table.include.list", "metadata.outbox,metadata.relay_heartbeat");
        config.setProperty("heartbeat.interval.ms", String.valueOf(properties.heartbeatInterval().toMillis()));
        config.setProperty("heartbeat.action.query", "insert into metadata.relay_heartbeat (relay_name, beat_at)"
                + " values ('" + properties.name().replace("'", "''") + "', now())"
                + " on conflict (relay_name) do update set beat_at = now()");
        // The slot was created before the first outbox row, so streaming from it misses nothing; a snapshot would
        // only re-send rows that are already relayed.
        config.setProperty("snapshot.mode", "no_data");
        // Debezium's default is 500 ms; see RelayProperties#pollInterval
        config.setProperty("poll.interval.ms", String.valueOf(properties.pollInterval().toMillis()));
        config.setProperty("tombstones.on.delete", "false");
        config.setProperty("offset.storage", PostgresOffsetBackingStore.class.getName());
        config.setProperty("offset.flush.interval.ms", "0");
        config.setProperty(PostgresOffsetBackingStore.JDBC_URL, database.jdbcUrl());
        config.setProperty(PostgresOffsetBackingStore.JDBC_USER, database.username());
        config.setProperty(PostgresOffsetBackingStore.JDBC_PASSWORD,
                database.password() == null ? "" : database.password());
        config.setProperty(PostgresOffsetBackingStore.RELAY_NAME, properties.name());
        return config;
    }

    private void relay(List<RecordChangeEvent<SourceRecord>> changes,
                       DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>();
        List<String> relayedIds = new ArrayList<>();
        for (RecordChangeEvent<SourceRecord> change : changes) {
            mapper.row(change.record()).ifPresent(row -> {
                acknowledgements.add(send(row));
                relayedIds.add(row.id());
            });
        }
        for (Future<RecordMetadata> acknowledgement : acknowledgements) {
            try {
                acknowledgement.get();
            } catch (ExecutionException e) {
                // Nothing of this batch is marked processed, so the engine restarts from before it.
                throw new IllegalStateException("Kafka did not acknowledge an outbox event", e.getCause());
            }
        }
        for (RecordChangeEvent<SourceRecord> change : changes) {
            committer.markProcessed(change);
        }
        committer.markBatchFinished();
        relayed.increment(relayedIds.size());
        deleteRelayed(relayedIds);
    }

    /** A producer span per record, continuing the trace of the row's event: its context goes in the headers. */
    private Future<RecordMetadata> send(OutboxRecordMapper.OutboxRow row) {
        ProducerRecord<String, byte[]> record = mapper.toProducerRecord(row);
        Span span = tracing.startChild(record.topic() + " send", Span.Kind.PRODUCER, row.traceparent());
        span.tag("messaging.destination.name", record.topic());
        tracing.inject(span, record.headers());
        if (row.committedAt() != null) {
            try (Tracer.SpanInScope ignored = tracing.inScope(span)) {
                lag.record(Duration.between(row.committedAt(), Instant.now()));
            }
        }
        try {
            return producer.send(record, (metadata, failure) -> {
                if (failure != null) {
                    span.error(failure);
                }
                span.end();
            });
        } catch (RuntimeException e) {
            // thrown rather than passed to the callback (interrupted, closed, unserialisable): the callback never runs
            span.error(e);
            span.end();
            throw e;
        }
    }

    /** The WAL, not the table, is what the relay reads, so rows can go as soon as they are relayed. */
    private void deleteRelayed(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            deletes.use(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(
                        "delete from metadata.outbox where id = any(?::uuid[])")) {
                    statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
                    return statement.executeUpdate();
                }
            });
        } catch (SQLException e) {
            log.warn("could not delete {} relayed outbox rows; the cleanup removes them later", ids.size(), e);
        }
    }

    /**
     * Backstop for rows whose post-relay delete failed. Safe even for rows not relayed yet: the relay reads the
     * WAL, which the slot retains, never the table. It scans the table (no index on {@code created_at}: every event
     * would pay for it), which holds only what is not relayed yet or whose post-relay delete failed.
     */
    private void deleteStaleRows() throws SQLException {
        try (PreparedStatement statement = lockConnection.prepareStatement(
                "delete from metadata.outbox where created_at < now() - interval '1 hour'")) {
            int deleted = statement.executeUpdate();
            if (deleted > 0) {
                log.info("outbox relay {} removed {} stale outbox rows", properties.name(), deleted);
            }
        }
    }

    private void stepDown() {
        stopEngine();
        closeLockConnection();
        if (role != Role.STOPPED) {
            role = Role.STANDBY;
        }
    }

    private void stopEngine() {
        if (engine != null) {
            try {
                engine.close();
            } catch (IOException e) {
                log.warn("outbox relay {} engine did not close cleanly", properties.name(), e);
            }
            engine = null;
        }
        if (engineThread != null) {
            engineThread.shutdown();
            try {
                engineThread.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            engineThread = null;
        }
        if (producer != null) {
            producer.close();
            producer = null;
        }
        if (deletes != null) {
            deletes.close();
            deletes = null;
        }
    }

    private void closeLockConnection() {
        if (lockConnection != null) {
            try {
                lockConnection.close();
            } catch (SQLException e) {
                log.debug("closing the lock connection failed", e);
            }
            lockConnection = null;
        }
    }

    @Override
    public void close() {
        elector.shutdown();
        synchronized (this) {
            role = Role.STOPPED;
            stepDown();
        }
        try {
            elector.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
