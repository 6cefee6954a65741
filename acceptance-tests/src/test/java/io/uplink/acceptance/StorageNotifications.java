package io.uplink.acceptance;

import io.uplink.contracts.Topics;
import io.uplink.testsupport.notification.MinioNotification;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Object-created notifications exactly as MinIO's Kafka notification target publishes them to
 * {@code uplink.storage.events} ({@link MinioNotification}, as the local stack's store sends them too), many at a
 * time. What a production store sends for uploads that completed without Uplink's explicit complete call.
 */
final class StorageNotifications {

    private static final String BUCKET = "uplink-uploads";
    private static final Instant START = Instant.parse("2026-11-25T00:00:00Z");

    private StorageNotifications() {
    }

    /** The object keys of {@code count} uploads into one tenant's prefix (no characters that need escaping). */
    static List<String> keys(String tenantId, int count) {
        List<String> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add("tenants/" + tenantId + "/ingest/" + (i / 1000) + "/object-" + i + ".bin");
        }
        return keys;
    }

    /** Publishes one created notification per key, as the store would, and returns once Kafka acknowledged all. */
    static void publishCreated(String bootstrapServers, List<String> keys) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int i = 0; i < keys.size(); i++) {
                MinioNotification created = created(keys.get(i), i);
                producer.send(new ProducerRecord<>(Topics.STORAGE_EVENTS,
                        created.recordKey().getBytes(StandardCharsets.UTF_8), created.json()));
            }
            producer.flush();
        }
    }

    private static MinioNotification created(String key, long index) {
        return MinioNotification.created(MinioNotification.PUT, BUCKET, key, 1024 + index % 4096,
                String.format("%032x", index * 2654435761L), "application/octet-stream",
                Map.of("original-filename", "object-" + index + ".bin"),
                String.format("%032X", 0x17A4B2C3D4E50000L + index), START.plusMillis(index));
    }
}
