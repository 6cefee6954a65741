package io.uplink.bench;

import io.uplink.testsupport.EmbeddedKafkaServer;
import io.uplink.testsupport.KafkaEndpoint;

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
