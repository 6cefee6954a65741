package io.uplink.bench.metadata;

import io.uplink.bench.cpu.CpuPerOperation;
import io.uplink.bench.cpu.ProcessCpu;

import io.uplink.bench.BenchEnvironment;
import io.uplink.bench.Benchmark;
import io.uplink.bench.Comparison;
import io.uplink.bench.Goal;
import io.uplink.bench.Measurement;
import io.uplink.contracts.Topics;
import io.uplink.testsupport.PostgresEndpoint;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * N MinIO storage notifications ({@code uplink.storage.events}, pre-produced) ingested by the real metadata-service
 * into {@code metadata.files} plus one {@code file.created} outbox row each, timed from starting the listener
 * container to the last row stored (polled count), beside a raw {@code COPY} of N equivalent rows into the same
 * table (truncated first) in the same run. N: {@code UPLINK_BENCH_INGEST_EVENTS} (default 1,000,000).
 */
public final class MetadataIngestBenchmark implements Benchmark {

    private static final long DEFAULT_EVENTS = 1_000_000;

    @Override
    public String name() {
        return "metadata-ingest";
    }

    @Override
    public String description() {
        return "metadata-service ingesting N MinIO storage events into files + outbox vs COPY of N rows"
                + " (N = UPLINK_BENCH_INGEST_EVENTS, default 1,000,000)";
    }

    @Override
    public Comparison run(BenchEnvironment environment) throws Exception {
        long events = Long.parseLong(System.getenv().getOrDefault("UPLINK_BENCH_INGEST_EVENTS", String.valueOf(DEFAULT_EVENTS)));
        PostgresEndpoint database = BenchDatabases.fresh(environment.postgres(), "bench_ingest");
        produce(environment.kafka().bootstrapServers(), events); // the broker creates uplink.storage.events (3 partitions)

        double ingestSeconds;
        try (RunningMetadataService service = RunningMetadataService.start(database, environment.kafka(),
                "bench-ingest-" + System.nanoTime(), extraArguments());
             Connection connection = BenchDatabases.connect(database)) {
            registerTenants(connection);
            MessageListenerContainer container = service.context().getBean(KafkaListenerEndpointRegistry.class)
                    .getListenerContainer("storage-events");
            // CPU of this JVM (the service and the Kafka broker while ingesting, the COPY client while copying) and of
            // the run's Postgres, per event and per copied row
            List<ProcessCpu> processes = new ArrayList<>(List.of(ProcessCpu.thisJvm("this JVM")));
            ProcessCpu.postgresOn(environment.postgres().port()).ifPresent(processes::add);
            CpuPerOperation ingestCpu = new CpuPerOperation(processes);
            CpuPerOperation.Phase ingesting = ingestCpu.begin();
            long start = System.nanoTime();
            container.start();
            awaitRows(connection, events, start);
            ingestSeconds = (System.nanoTime() - start) / 1e9;
            ingesting.end(events);
            container.stop();
            long outbox = count(connection, "select count(*) from metadata.outbox where type = 'file.created'");
            if (outbox != events) {
                throw new AssertionError("expected " + events + " file.created outbox rows, found " + outbox);
            }
            System.out.printf("  ingested %,d events in %.1f s; %,d outbox rows%n", events, ingestSeconds, outbox);

            try (Statement statement = connection.createStatement()) {
                statement.execute("truncate metadata.file_replicas, metadata.files, metadata.outbox");
            }
            CpuPerOperation copyCpu = new CpuPerOperation(processes);
            CpuPerOperation.Phase copying = copyCpu.begin();
            long copyStart = System.nanoTime();
            long copied = FileRowsCopy.copy(connection, events, StorageEventSamples::row);
            double copySeconds = (System.nanoTime() - copyStart) / 1e9;
            copying.end(copied);
            System.out.printf("  COPY of %,d rows in %.1f s%n", copied, copySeconds);
            System.out.println("  CPU per event: " + ingestCpu + "; per copied row: " + copyCpu);
            Comparison comparison = new Comparison(
                    new Measurement(String.format("%,d events in %.1f s, files + outbox", events, ingestSeconds),
                            events / ingestSeconds, "events/s"),
                    new Measurement(String.format("COPY %,d rows in %.1f s", copied, copySeconds),
                            copied / copySeconds, "events/s"),
                    true);
            return comparison.withGoal(Goal.ratioAtLeast(0.60, comparison)).whereTheTimeGoes(
                    CpuPerOperation.budget(ingestCpu, events / ingestSeconds, copyCpu, copied / copySeconds, 0.60, "Postgres"));
        } finally {
            try (Connection connection = BenchDatabases.connect(environment.postgres());
                 Statement statement = connection.createStatement()) {
                statement.execute("drop database if exists bench_ingest with (force)");
            }
        }
    }

    /** Experiment hook: {@code UPLINK_BENCH_INGEST_ARGS="--spring.kafka.listener.concurrency=3 …"}. */
    private static String[] extraArguments() {
        String value = System.getenv().getOrDefault("UPLINK_BENCH_INGEST_ARGS", "").trim();
        return value.isEmpty() ? new String[0] : value.split("\\s+");
    }

    private static void produce(String bootstrap, long events) throws Exception {
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (long i = 0; i < events; i++) {
                // MinIO's Kafka target keys records by bucket/key.
                byte[] key = (StorageEventSamples.BUCKET + "/" + StorageEventSamples.key(i)).getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(Topics.STORAGE_EVENTS, key, StorageEventSamples.minioCreated(i)));
            }
            producer.flush();
        }
        System.out.printf("  pre-produced %,d storage events in %.1f s%n", events, (System.nanoTime() - start) / 1e9);
    }

    private static void registerTenants(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (int t = 0; t < StorageEventSamples.TENANTS; t++) {
                statement.execute("insert into metadata.tenants (id, name) values ('bench-t" + t + "', 'Bench " + t + "')");
            }
        }
    }

    /**
     * Waits until the files table holds {@code expected} rows. Progress comes from the table's insert counter
     * ({@code pg_stat_user_tables}, flushed by the inserting backends about once a second), a lookup that costs
     * nothing: counting a table growing to a million rows four times a second took a good part of a core, on the
     * cores and in the Postgres CPU the ingest is measured by. A backend that goes idle may hold its last counts back
     * for up to 10 s, so the last tenth is counted row by row.
     */
    private static void awaitRows(Connection connection, long expected, long start) throws Exception {
        long deadline = start + Duration.ofSeconds(Math.max(120, expected / 2_000)).toNanos();
        long lastReport = start;
        while (true) {
            connection.setAutoCommit(true); // each poll sees fresh statistics, not its transaction's snapshot of them
            long rows = count(connection, "select n_tup_ins from pg_stat_user_tables where schemaname = 'metadata'"
                    + " and relname = 'files'");
            if (rows >= expected * 9 / 10) {
                rows = count(connection, "select count(*) from metadata.files");
            }
            if (rows >= expected) {
                return;
            }
            long now = System.nanoTime();
            if (now > deadline) {
                throw new AssertionError("only " + rows + " of " + expected + " rows stored before the deadline");
            }
            if (now - lastReport > 10_000_000_000L) {
                System.out.printf("    %,d rows after %.0f s%n", rows, (now - start) / 1e9);
                lastReport = now;
            }
            Thread.sleep(250);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
