package io.uplink.bench;

import io.uplink.testsupport.EmbeddedKafkaServer;
import io.uplink.bench.postgres.StatementTimes;
import io.uplink.testsupport.EmbeddedPostgresServer;
import io.uplink.testsupport.EmbeddedRedisServer;
import io.uplink.testsupport.EmbeddedS3Server;
import io.uplink.testsupport.KafkaEndpoint;
import io.uplink.testsupport.PostgresEndpoint;
import io.uplink.testsupport.RedisEndpoint;
import io.uplink.testsupport.S3Endpoint;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The real servers benchmarks run against, started on first use and shared by all benchmarks of a run (the same
 * embedded servers the tests use, from test-support). S3 and Redis likewise.
 */
public final class BenchEnvironment implements AutoCloseable {

    private static final int KAFKA_PARTITIONS = 3;

    private final PrintStream log;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<Class<?>, AutoCloseable> shared = new HashMap<>();
    private EmbeddedKafkaServer kafka;
    private EmbeddedPostgresServer postgres;
    private EmbeddedS3Server s3;
    private EmbeddedRedisServer redis;

    public BenchEnvironment(PrintStream log) {
        this.log = log;
    }

    public PrintStream log() {
        return log;
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
            postgres = EmbeddedPostgresServer.start(0, null, StatementTimes.serverSettings());
            started.push(postgres);
        }
        return postgres.endpoint();
    }

    public synchronized void createTopics(String... names) {
        kafka();
        kafka.createTopics(names);
    }

    /**
     * Something several benchmarks use (a service started in-process, a receiver), created by the first that asks
     * and closed with the environment, before the servers it runs on.
     */
    public synchronized <T extends AutoCloseable> T shared(Class<T> type, Supplier<T> create) {
        AutoCloseable existing = shared.get(type);
        if (existing != null) {
            return type.cast(existing);
        }
        T created = create.get();
        shared.put(type, created);
        started.push(created);
        return created;
    }

    /** S3Proxy in memory with the bucket {@code uplink-uploads}. */
    public synchronized S3Endpoint s3() {
        if (s3 == null) {
            log.println("starting S3Proxy…");
            s3 = EmbeddedS3Server.start(0, null, "uplink-uploads");
            started.push(s3);
        }
        return s3.endpoint();
    }

    public synchronized RedisEndpoint redis() {
        if (redis == null) {
            log.println("starting redis-server…");
            redis = EmbeddedRedisServer.start(0);
            started.push(redis);
        }
        return redis.endpoint();
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
