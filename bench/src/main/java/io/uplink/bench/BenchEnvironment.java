package io.uplink.bench;

import io.uplink.testsupport.EmbeddedKafkaServer;
import io.uplink.testsupport.EmbeddedPostgresServer;
import io.uplink.testsupport.KafkaEndpoint;
import io.uplink.testsupport.PostgresEndpoint;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The real servers benchmarks run against, started on first use and shared by all benchmarks of a run (the same
 * embedded servers the tests use, from test-support). Later benchmarks add Postgres, S3 and Redis here the same way.
 */
public final class BenchEnvironment implements AutoCloseable {

    private static final int KAFKA_PARTITIONS = 3;

    private final PrintStream log;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private EmbeddedKafkaServer kafka;
    private EmbeddedPostgresServer postgres;

    public BenchEnvironment(PrintStream log) {
        this.log = log;
    }

    public synchronized KafkaEndpoint kafka() {
        if (kafka == null) {
            log.println("starting an embedded Kafka broker (KRaft)…");
            kafka = EmbeddedKafkaServer.start(0, KAFKA_PARTITIONS);
            started.push(kafka);
        }
        return kafka.endpoint();
    }

    /** Embedded PostgreSQL 17 (wal_level=logical, fsync off), database {@code uplink}, superuser. */
    public synchronized PostgresEndpoint postgres() {
        if (postgres == null) {
            log.println("starting an embedded PostgreSQL…");
            postgres = EmbeddedPostgresServer.start(0, null);
            started.push(postgres);
        }
        return postgres.endpoint();
    }

    public synchronized void createTopics(String... names) {
        kafka();
        kafka.createTopics(names);
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                log.println("could not stop a server: " + e);
            }
        }
    }
}
