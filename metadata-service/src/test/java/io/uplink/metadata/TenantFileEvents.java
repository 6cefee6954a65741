package io.uplink.metadata;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.FileEvent;
import io.uplink.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One tenant's events on {@code uplink.files.events}, read from the real broker with a fresh consumer group. */
public final class TenantFileEvents {

    private TenantFileEvents() {
    }

    /** Waits up to a minute for {@code expected} events, then two seconds longer for any extra ones. */
    public static List<FileEvent> await(String bootstrapServers, String tenant, int expected) {
        List<FileEvent> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "tenant-file-events-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.FILES_EVENTS));
            Instant deadline = Instant.now().plusSeconds(60);
            while (seen.size() < expected && Instant.now().isBefore(deadline)) {
                poll(consumer, tenant, seen);
            }
            Instant settle = Instant.now().plusSeconds(2);
            while (Instant.now().isBefore(settle)) {
                poll(consumer, tenant, seen);
            }
        }
        return seen;
    }

    private static void poll(KafkaConsumer<String, byte[]> consumer, String tenant, List<FileEvent> seen) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
            FileEvent event = EventJson.read(record.value(), FileEvent.class);
            if (tenant.equals(event.tenantId())) {
                seen.add(event);
            }
        }
    }
}
