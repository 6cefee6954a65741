package io.uplink.testsupport;

import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A real Kafka broker in KRaft mode (Kafka's own test kit, through spring-kafka-test). It can be stopped and started
 * again as a broker restart would: same port, same log directories, so clients configured with its address reconnect
 * and find every record and committed offset it had.
 */
public final class EmbeddedKafkaServer implements AutoCloseable {

    /** The topics of docs/architecture.md and their dead-letter topics, created up front so consumers never race them. */
    public static final List<String> UPLINK_TOPICS = List.of(
            "uplink.uploads.completed", "uplink.storage.events", "uplink.files.events", "uplink.tenants.events",
            "uplink.uploads.completed-dlt", "uplink.storage.events-dlt", "uplink.files.events-dlt",
            "uplink.tenants.events-dlt");

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedKafkaServer(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    /**
     * @param port 0 for any free port; the KRaft test kit ignores any other value (spring-kafka-test documents
     *             {@code kafkaPorts} as out of use) and takes a free port too, which {@link #endpoint()} reports
     */
    public static EmbeddedKafkaServer start(int port, int partitions) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
        if (port > 0) {
            broker.kafkaPorts(port);
        }
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", String.valueOf(partitions),
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        broker.addTopics(UPLINK_TOPICS.stream()
                .map(name -> new NewTopic(name, partitions, (short) 1))
                .toArray(NewTopic[]::new));
        return new EmbeddedKafkaServer(broker);
    }

    public KafkaEndpoint endpoint() {
        return new KafkaEndpoint(broker.getBrokersAsString());
    }

    public void createTopics(String... names) {
        broker.addTopics(Arrays.stream(names)
                .map(name -> new NewTopic(name, broker.getPartitionsPerTopic(), (short) 1))
                .toArray(NewTopic[]::new));
    }

    /**
     * Stops the broker (a clean shutdown: logs flushed, clients disconnected); its KRaft controller keeps the cluster's
     * metadata. Idempotent. Clients see connection refused until {@link #restart()}.
     */
    public synchronized void stop() {
        for (BrokerServer server : brokers()) {
            if (!server.isShutdown()) {
                server.shutdown(SHUTDOWN_TIMEOUT);
            }
        }
    }

    /**
     * Starts the stopped broker again on the same port (the test kit rebinds the port it first bound) with the same
     * log directories, and waits until it is registered, unfenced and leads its partitions again.
     */
    public synchronized void restart() {
        for (BrokerServer server : brokers()) {
            if (server.isShutdown()) {
                server.startup();
            }
        }
        try {
            broker.getCluster().waitForReadyBrokers();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the restarted Kafka broker did not become ready", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the Kafka broker restarted", e);
        }
    }

    public synchronized boolean isActive() {
        return brokers().stream().noneMatch(BrokerServer::isShutdown);
    }

    private Collection<BrokerServer> brokers() {
        return broker.getCluster().brokers().values();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
