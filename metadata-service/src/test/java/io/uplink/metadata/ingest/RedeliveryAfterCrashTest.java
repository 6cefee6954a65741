package io.uplink.metadata.ingest;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.FileEvent;
import io.uplink.contracts.Topics;
import io.uplink.contracts.UploadCompleted;
import io.uplink.contracts.UploadSource;
import io.uplink.metadata.MetadataServiceTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumer that dies after its transaction committed but before its offsets did gets the same records again on
 * restart. Simulated exactly: stop the listener, rewind the group to where it stood before the records, restart.
 * The redelivered batch must change nothing: same rows, still one {@code file.created} per upload.
 */
@MetadataServiceTest
class RedeliveryAfterCrashTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private final String tenant = "replay-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void redeliveredRecordsAfterACrashAddNoRowsAndNoEvents() throws Exception {
        jdbc.sql("insert into metadata.tenants (id, name) values (?, ?)").params(tenant, tenant).update();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
             KafkaConsumer<String, byte[]> fileEvents = consumer();
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                     Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                     new StringSerializer(), new ByteArraySerializer())) {
            Map<TopicPartition, Long> before = endOffsets(admin);
            List<UploadCompleted> uploads = IntStream.range(0, 30).mapToObj(this::upload).toList();
            for (UploadCompleted upload : uploads) {
                producer.send(new ProducerRecord<>(Topics.UPLOADS_COMPLETED, upload.partitionKey(),
                        EventJson.write(upload)));
            }
            producer.flush();
            awaitRows(30);

            // Both listeners share the group, and Kafka only lets an empty group's offsets be moved.
            listeners.getListenerContainers().forEach(MessageListenerContainer::stop);
            Map<TopicPartition, OffsetAndMetadata> rewind = new HashMap<>();
            before.forEach((partition, offset) -> rewind.put(partition, new OffsetAndMetadata(offset)));
            admin.alterConsumerGroupOffsets("metadata-service", rewind).all().get();
            listeners.getListenerContainers().forEach(MessageListenerContainer::start);

            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline) && !caughtUp(admin, endOffsets(admin))) {
                Thread.sleep(200);
            }
            assertThat(caughtUp(admin, endOffsets(admin))).as("the replayed records were consumed again").isTrue();

            Map<String, Integer> createdPerFile = new HashMap<>();
            Instant settle = Instant.now().plusSeconds(5);
            while (Instant.now().isBefore(settle) || createdPerFile.size() < 30) {
                for (ConsumerRecord<String, byte[]> record : fileEvents.poll(Duration.ofMillis(300))) {
                    FileEvent event = EventJson.read(record.value(), FileEvent.class);
                    if (tenant.equals(event.tenantId()) && FileEvent.FILE_CREATED.equals(event.type())) {
                        createdPerFile.merge(event.data().key(), 1, Integer::sum);
                    }
                }
                if (Instant.now().isAfter(settle.plusSeconds(60))) {
                    break;
                }
            }
            assertThat(jdbc.sql("select count(*) from metadata.files where tenant_id = ?").param(tenant)
                    .query(Long.class).single()).isEqualTo(30);
            Set<String> keys = uploads.stream().map(UploadCompleted::key).collect(Collectors.toSet());
            assertThat(createdPerFile.keySet()).isEqualTo(keys);
            assertThat(new HashSet<>(createdPerFile.values())).containsExactly(1);
        }
    }

    private boolean caughtUp(Admin admin, Map<TopicPartition, Long> end) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("metadata-service")
                .partitionsToOffsetAndMetadata().get();
        return end.entrySet().stream().allMatch(entry -> committed.get(entry.getKey()) != null
                && committed.get(entry.getKey()).offset() >= entry.getValue());
    }

    private Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int partition = 0; partition < 3; partition++) {
            request.put(new TopicPartition(Topics.UPLOADS_COMPLETED, partition), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private void awaitRows(long expected) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (jdbc.sql("select count(*) from metadata.files where tenant_id = ?").param(tenant)
                    .query(Long.class).single() == expected) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("rows never reached " + expected);
    }

    private UploadCompleted upload(int i) {
        return new UploadCompleted(UUID.randomUUID(), tenant, "up-" + i, "uplink-uploads",
                "tenants/" + tenant + "/2026/11/25/up-" + i + "/f.txt", i, "text/plain", "\"e" + i + "\"", null, null,
                "f.txt", Map.of(), Instant.now().truncatedTo(ChronoUnit.MILLIS), UploadSource.CLIENT_COMPLETE);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "replay-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.FILES_EVENTS));
        return consumer;
    }
}
