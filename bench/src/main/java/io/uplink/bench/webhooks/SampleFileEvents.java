package io.uplink.bench.webhooks;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.FileData;
import io.uplink.contracts.FileEvent;
import io.uplink.contracts.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** {@code file.created} events shaped like metadata-service's, and a producer configured like its outbox relay. */
final class SampleFileEvents {

    private SampleFileEvents() {
    }

    static FileEvent created(String tenantId, String fileId) {
        Instant now = Instant.now();
        String key = "tenants/" + tenantId + "/2026/11/25/" + fileId + "/holiday photo.jpg";
        return new FileEvent(UUID.randomUUID(), FileEvent.FILE_CREATED, tenantId, now, new FileData(
                fileId, "uplink-uploads", key, 2_483_117L, "image/jpeg", "\"9b2cf535f27731c974343645a3985328\"",
                "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=", null, "holiday photo.jpg",
                Map.of("album", "summer", "camera", "X100V"), "active", now, null));
    }

    static ProducerRecord<byte[], byte[]> record(FileEvent event) {
        return new ProducerRecord<>(Topics.FILES_EVENTS, event.partitionKey().getBytes(StandardCharsets.UTF_8),
                EventJson.write(event));
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.CLIENT_ID_CONFIG, "uplink-bench-file-events",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }
}
