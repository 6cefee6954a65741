package io.uplink.metadata.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.uplink.contracts.Topics;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.KafkaEndpoint;
import io.uplink.testsupport.UplinkInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@UplinkInfrastructure(Infra.KAFKA)
class DeadLettersTest {

    /**
     * A dead-letter topic with fewer partitions than its source cannot take a record from a higher partition: the
     * publish must fail the batch (so its offsets are not committed and it is retried), not pretend success.
     */
    @Test
    void failsTheBatchWhenTheBrokerDoesNotAcknowledgeEveryDeadLetter(KafkaEndpoint kafka) throws Exception {
        String topic = "dead-letters-test-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.deadLetter(topic), 1, (short) 1))).all().get();
        }
        DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000),
                new StringSerializer(), new ByteArraySerializer());
        MeterRegistry registry = new SimpleMeterRegistry();
        DeadLetters deadLetters = new DeadLetters(new KafkaTemplate<>(producers), new IngestMetrics(registry));
        try {
            List<DeadLetters.Rejected> rejected = List.of(rejected(topic, 0, 10), rejected(topic, 2, 11));

            assertThatThrownBy(() -> deadLetters.publish(rejected))
                    .isInstanceOf(KafkaException.class)
                    .hasMessageContaining("could not dead-letter 2 rejected record(s) of " + topic);
            assertThat(registry.find("uplink.metadata.ingest.dead.letters").counters())
                    .as("nothing counted as dead-lettered").isEmpty();
        } finally {
            producers.destroy();
        }
    }

    private static DeadLetters.Rejected rejected(String topic, int partition, long offset) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(topic, partition, offset, "key-" + offset,
                "{not json".getBytes(StandardCharsets.UTF_8));
        return new DeadLetters.Rejected(record, new RejectedEventException("unknown tenant 'nobody'"));
    }
}
