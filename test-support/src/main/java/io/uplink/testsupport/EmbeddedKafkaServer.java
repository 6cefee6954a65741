package io.uplink.testsupport;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A real Kafka broker in KRaft mode (Kafka's own test kit, through spring-kafka-test). */
public final class EmbeddedKafkaServer implements AutoCloseable {

    /** The topics of ARCHITECTURE.md and their dead-letter topics, created up front so consumers never race them. */
    public static final List<String> UPLINK_TOPICS = List.of(
            "uplink.uploads.completed", "uplink.storage.events", "uplink.files.events",
            "uplink.uploads.completed-dlt", "uplink.storage.events-dlt", "uplink.files.events-dlt");

    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedKafkaServer(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    /** @param port 0 for any free port */
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

    @Override
    public void close() {
        broker.destroy();
    }
}
