package io.uplink.acceptance;

import io.uplink.contracts.Topics;
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
 * {@code uplink.storage.events}: record key {@code bucket/key}, value {@code {EventName, Key, Records:[…]}} with the
 * {@code s3:} event name, the URL-escaped object key, size, ETag, content type, user metadata and sequencer. What a
 * production store sends for uploads that completed without Uplink's explicit complete call.
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
                String key = keys.get(i);
                producer.send(new ProducerRecord<>(Topics.STORAGE_EVENTS,
                        (BUCKET + "/" + key).getBytes(StandardCharsets.UTF_8), created(key, i)));
            }
            producer.flush();
        }
    }

    private static byte[] created(String key, long index) {
        return ("{\"EventName\":\"s3:ObjectCreated:Put\",\"Key\":\"" + BUCKET + "/" + key + "\",\"Records\":[{"
                + "\"eventVersion\":\"2.0\",\"eventSource\":\"minio:s3\",\"awsRegion\":\"\",\"eventTime\":\""
                + START.plusMillis(index) + "\",\"eventName\":\"s3:ObjectCreated:Put\",\"userIdentity\":{\"principalId\":"
                + "\"uplink\"},\"requestParameters\":{\"principalId\":\"uplink\",\"region\":\"\",\"sourceIPAddress\":"
                + "\"127.0.0.1\"},\"responseElements\":{\"x-amz-request-id\":\"17A4B2C3D4E5F607\","
                + "\"x-minio-origin-endpoint\":\"http://127.0.0.1:9000\"},\"s3\":{\"s3SchemaVersion\":\"1.0\","
                + "\"configurationId\":\"Config\",\"bucket\":{\"name\":\"" + BUCKET + "\",\"ownerIdentity\":{"
                + "\"principalId\":\"uplink\"},\"arn\":\"arn:aws:s3:::" + BUCKET + "\"},\"object\":{\"key\":\""
                + key + "\",\"size\":" + (1024 + index % 4096) + ",\"eTag\":\"" + String.format("%032x", index * 2654435761L)
                + "\",\"contentType\":\"application/octet-stream\",\"userMetadata\":{\"content-type\":"
                + "\"application/octet-stream\",\"X-Amz-Meta-Original-Filename\":\"object-" + index + ".bin\"},"
                + "\"sequencer\":\"" + String.format("%032X", 0x17A4B2C3D4E50000L + index) + "\"}},"
                + "\"source\":{\"host\":\"127.0.0.1\",\"port\":\"\",\"userAgent\":\"MinIO (linux; amd64) minio-go/v7.0.70\"}}]}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
