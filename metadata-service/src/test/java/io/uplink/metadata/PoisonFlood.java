package io.uplink.metadata;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.uplink.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mix of poison and valid records sent to one topic at once, and what of them reached its dead-letter topic.
 * Every record of a flood has a key {@code <marker>/<index>}, so the flood's dead letters can be told from other
 * tests' on the shared topic.
 */
public final class PoisonFlood implements AutoCloseable {

    private final String topic;
    private final String marker = "flood-" + UUID.randomUUID();
    private final KafkaConsumer<String, byte[]> deadLetters;
    private final String bootstrapServers;
    private List<byte[]> sentValues = List.of();
    private Map<String, RecordMetadata> sentRecords = Map.of();

    public PoisonFlood(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        deadLetters = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "flood-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters.subscribe(List.of(Topics.deadLetter(topic)));
    }

    public String key(int index) {
        return marker + "/" + index;
    }

    /** Sends all values without waiting record by record, so the listener sees them in few, large batches. */
    public Map<String, RecordMetadata> send(List<byte[]> values) throws Exception {
        Map<String, Future<RecordMetadata>> sends = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 20),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < values.size(); i++) {
                sends.put(key(i), producer.send(new ProducerRecord<>(topic, key(i), values.get(i))));
            }
        }
        Map<String, RecordMetadata> sent = new HashMap<>();
        for (Map.Entry<String, Future<RecordMetadata>> send : sends.entrySet()) {
            sent.put(send.getKey(), send.getValue().get());
        }
        sentValues = List.copyOf(values);
        sentRecords = Map.copyOf(sent);
        return sent;
    }

    /**
     * Asserts that the dead letters are exactly the sent records at {@code poisonIndexes}, each dead-lettered once
     * and as it was sent (value, partition, original topic and offset); {@code perLetter} checks what depends on
     * the topic and the poison's kind (the reason), given the record's index.
     */
    public void assertDeadLetteredOnceEach(Map<String, List<ConsumerRecord<String, byte[]>>> dead,
                                           Collection<Integer> poisonIndexes,
                                           BiConsumer<Integer, ConsumerRecord<String, byte[]>> perLetter) {
        assertThat(dead.keySet()).containsExactlyInAnyOrderElementsOf(poisonIndexes.stream().map(this::key).toList());
        dead.forEach((key, copies) -> {
            assertThat(copies).as("dead letters of " + key).hasSize(1);
            ConsumerRecord<String, byte[]> letter = copies.get(0);
            int index = Integer.parseInt(key.substring(key.lastIndexOf('/') + 1));
            assertThat(letter.value()).isEqualTo(sentValues.get(index));
            assertThat(letter.partition()).isEqualTo(sentRecords.get(key).partition());
            assertThat(originalOffset(letter)).isEqualTo(sentRecords.get(key).offset());
            assertThat(header(letter, "kafka_dlt-original-topic")).isEqualTo(topic);
            perLetter.accept(index, letter);
        });
    }

    /**
     * The flood's dead letters by key, once {@code expected} of them arrived (or the deadline passed), plus a few
     * seconds for any extra one to show up.
     */
    public Map<String, List<ConsumerRecord<String, byte[]>>> deadLetters(int expected, Instant deadline) {
        Map<String, List<ConsumerRecord<String, byte[]>>> byKey = new HashMap<>();
        int[] count = {0};
        Instant settled = null;
        while (settled == null || Instant.now().isBefore(settled)) {
            deadLetters.poll(Duration.ofMillis(300)).forEach(record -> {
                if (record.key() != null && record.key().startsWith(marker + "/")) {
                    byKey.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(record);
                    count[0]++;
                }
            });
            if (settled == null && (count[0] >= expected || Instant.now().isAfter(deadline))) {
                settled = Instant.now().plusSeconds(3);
            }
        }
        return byKey;
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static long originalOffset(ConsumerRecord<String, byte[]> record) {
        return ByteBuffer.wrap(record.headers().lastHeader("kafka_dlt-original-offset").value()).getLong();
    }

    /** How many batches the topic's listener has handled so far. */
    public static long batches(MeterRegistry registry, String topic) {
        Timer timer = registry.find("uplink.metadata.ingest.batch").tag("topic", topic).timer();
        return timer == null ? 0 : timer.count();
    }

    /** How many of the topic's records the service counted as dead-lettered so far. */
    public static double deadLettered(MeterRegistry registry, String topic) {
        return registry.find("uplink.metadata.ingest.dead.letters").tag("topic", topic).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    @Override
    public void close() {
        deadLetters.close();
    }
}
