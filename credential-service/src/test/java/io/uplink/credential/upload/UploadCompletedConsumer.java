package io.uplink.credential.upload;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.Topics;
import io.uplink.contracts.UploadCompleted;
import io.uplink.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads {@code uplink.uploads.completed} from the real broker with a fresh consumer group. */
public final class UploadCompletedConsumer implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;

    public UploadCompletedConsumer() {
        this(SharedInfrastructure.kafka().bootstrapServers());
    }

    public UploadCompletedConsumer(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "credential-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        consumer.subscribe(List.of(Topics.UPLOADS_COMPLETED));
    }

    /** The first record with that Kafka key, waiting up to 20 s. */
    public ConsumerRecord<String, String> awaitKey(String recordKey) {
        return findKey(recordKey, Duration.ofSeconds(20)).orElseThrow(() ->
                new AssertionError("no record with key " + recordKey + " on " + Topics.UPLOADS_COMPLETED));
    }

    /** The first record with that Kafka key, if one arrives within {@code within}. */
    public Optional<ConsumerRecord<String, String>> findKey(String recordKey, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                if (recordKey.equals(record.key())) {
                    return Optional.of(record);
                }
            }
        }
        return Optional.empty();
    }

    /** The first record of each of these Kafka keys, waiting up to 20 s for all of them. */
    public Map<String, UploadCompleted> awaitKeys(String... recordKeys) {
        Map<String, UploadCompleted> found = new java.util.HashMap<>();
        List<String> wanted = List.of(recordKeys);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (found.size() < wanted.size() && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                if (wanted.contains(record.key())) {
                    found.putIfAbsent(record.key(), event(record));
                }
            }
        }
        if (found.size() < wanted.size()) {
            throw new AssertionError("records with keys " + wanted + " on " + Topics.UPLOADS_COMPLETED + ", found only "
                    + found.keySet());
        }
        return found;
    }

    public static UploadCompleted event(ConsumerRecord<String, String> record) {
        return EventJson.read(record.value(), UploadCompleted.class);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
