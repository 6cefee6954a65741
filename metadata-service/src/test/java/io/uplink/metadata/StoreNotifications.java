package io.uplink.metadata;

import io.uplink.contracts.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Storage notifications as MinIO's Kafka target sends them, for one tenant, on {@code uplink.storage.events}. */
public final class StoreNotifications {

    private final String bootstrapServers;
    private final String tenant;

    public StoreNotifications(String bootstrapServers, String tenant) {
        this.bootstrapServers = bootstrapServers;
        this.tenant = tenant;
    }

    /** A notification of one event; {@code userMetadata} a JSON object of {@code X-Amz-Meta-*} headers. */
    public static String event(String eventName, String bucket, String key, long size, String contentType,
                               String sequencer, String userMetadata) {
        String encodedKey = URLEncoder.encode(key, StandardCharsets.UTF_8);
        String type = contentType == null ? "" : ",\"contentType\":\"" + contentType + "\"";
        return """
                {"EventName":"%s","Key":"%s/%s","Records":[{"eventVersion":"2.0","eventSource":"minio:s3",
                 "awsRegion":"","eventTime":"2026-11-25T10:15:30.123Z","eventName":"%s",
                 "s3":{"s3SchemaVersion":"1.0","bucket":{"name":"%s","arn":"arn:aws:s3:::%s"},
                  "object":{"key":"%s","size":%d,"eTag":"e%s"%s,"userMetadata":%s,"sequencer":"%s"}}}]}
                """.formatted(eventName, bucket, encodedKey, eventName, bucket, bucket, encodedKey, size, sequencer,
                type, userMetadata, sequencer);
    }

    /** An object created, without user metadata. */
    public static String created(String bucket, String key, long size, String contentType, String sequencer) {
        return event("s3:ObjectCreated:Put", bucket, key, size, contentType, sequencer, "{}");
    }

    /** Sends the notifications in order, on the tenant's partition. */
    public void send(String... notifications) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer())) {
            for (String notification : notifications) {
                producer.send(new ProducerRecord<>(Topics.STORAGE_EVENTS, tenant,
                        notification.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }
}
