package io.uplink.metadata.storageevent;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.uplink.contracts.EventJson;
import io.uplink.contracts.FileEvent;
import io.uplink.contracts.Topics;
import io.uplink.metadata.MetadataServiceTest;
import io.uplink.metadata.PoisonFlood;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MetadataServiceTest
class StorageEventIngestionTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry registry;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private final String tenant = "s3ev-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void minioNotificationsCreateAndDeleteAFileAndALateOlderCreateStaysDeleted() throws Exception {
        jdbc.sql("insert into metadata.tenants (id, name) values (?, ?)").params(tenant, tenant).update();
        String key = "tenants/" + tenant + "/2026/11/25/u1/my file+1.png";
        String created = minioRecord("s3:ObjectCreated:Put", key, "17A4B2C3D4E5F607");
        String removed = minioRecord("s3:ObjectRemoved:Delete", key, "17A4B2C3D4E5F700");
        String lateOlderCreate = minioRecord("s3:ObjectCreated:Put", key, "17A4B2C3D4E5F650");

        try (KafkaConsumer<String, byte[]> events = consumer(Topics.FILES_EVENTS);
             KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, "uplink-uploads/" + key, created);
            send(producer, "uplink-uploads/" + key, created);
            awaitStatus("active");
            send(producer, "uplink-uploads/" + key, removed);
            send(producer, "uplink-uploads/" + key, lateOlderCreate);

            List<FileEvent> seen = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline) && seen.size() < 2) {
                poll(events, seen);
            }
            Instant settle = Instant.now().plusSeconds(3);
            while (Instant.now().isBefore(settle)) {
                poll(events, seen);
            }

            assertThat(seen).extracting(FileEvent::type).containsExactly(FileEvent.FILE_CREATED, FileEvent.FILE_DELETED);
            assertThat(seen.get(0).data().key()).isEqualTo(key);
            assertThat(seen.get(0).data().originalFilename()).isEqualTo("my file+1.png");
            assertThat(seen.get(0).data().contentType()).isEqualTo("image/png");
            assertThat(seen.get(0).data().metadata()).containsEntry("project", "apollo");
            assertThat(seen).as("time-ordered event ids (UUID version 7): the outbox's keys append")
                    .allSatisfy(event -> assertThat(event.eventId().version()).isEqualTo(7));
            assertThat(UUID.fromString(seen.get(0).data().fileId()).version()).as("so do the files'").isEqualTo(7);
            Map<String, Object> row = jdbc.sql("select status, sequencer, size from metadata.files where tenant_id = ?")
                    .param(tenant).query().singleRow();
            assertThat(row).containsEntry("status", "deleted")
                    .containsEntry("sequencer", "000000000000000017A4B2C3D4E5F700")
                    .containsEntry("size", 2048L);
        }
    }

    @Test
    void anObjectOutsideAnyTenantPrefixGoesToTheDeadLetterTopic() throws Exception {
        String key = "uploads/" + tenant + "/stray.bin";
        try (KafkaConsumer<String, byte[]> deadLetters = consumer(Topics.deadLetter(Topics.STORAGE_EVENTS));
             KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, "uplink-uploads/" + key, minioRecord("s3:ObjectCreated:Put", key, "1"));

            ConsumerRecord<String, byte[]> dead = null;
            Instant deadline = Instant.now().plusSeconds(60);
            while (dead == null && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : deadLetters.poll(Duration.ofMillis(300))) {
                    if (("uplink-uploads/" + key).equals(record.key())) {
                        dead = record;
                    }
                }
            }
            assertThat(dead).isNotNull();
            assertThat(new String(dead.headers().lastHeader("uplink-dlt-reason").value(), StandardCharsets.UTF_8))
                    .contains("outside any tenant prefix");
        }
    }

    @Test
    void deadLettersEveryPoisonRecordOfABatchAndStoresTheValidOnesBesideThem() throws Exception {
        jdbc.sql("insert into metadata.tenants (id, name) values (?, ?)").params(tenant, tenant).update();
        String stranger = "unknown-" + UUID.randomUUID().toString().substring(0, 8);
        List<byte[]> values = new ArrayList<>();
        List<Integer> poisonIndexes = new ArrayList<>();
        for (int i = 0; i < 550; i++) {
            if (i % 11 == 10) {
                values.add(utf8(minioRecord("s3:ObjectCreated:Put", "tenants/" + tenant + "/flood/" + i + ".png", "1")));
                continue;
            }
            poisonIndexes.add(i);
            values.add(switch (i % 3) {
                case 0 -> utf8("{not json " + i);
                case 1 -> utf8(minioRecord("s3:ObjectCreated:Put", "tenants/" + stranger + "/flood/" + i + ".png", "1"));
                default -> utf8(minioRecord("s3:ObjectCreated:Put", "uploads/flood/" + i + ".png", "1"));
            });
        }
        long expectedFiles = values.size() - poisonIndexes.size();
        long batchesBefore = PoisonFlood.batches(registry, Topics.STORAGE_EVENTS);
        double deadLetteredBefore = PoisonFlood.deadLettered(registry, Topics.STORAGE_EVENTS);

        try (PoisonFlood flood = new PoisonFlood(bootstrapServers, Topics.STORAGE_EVENTS)) {
            // Generous: a bound against a poison record costing a poll each, not a benchmark.
            Instant deadline = Instant.now().plusSeconds(60);
            flood.send(values);

            while (filesOf(tenant) < expectedFiles && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            Map<String, List<ConsumerRecord<String, byte[]>>> dead = flood.deadLetters(poisonIndexes.size(), deadline);

            flood.assertDeadLetteredOnceEach(dead, poisonIndexes, (index, letter) -> {
                String reason = PoisonFlood.header(letter, "uplink-dlt-reason");
                switch (index % 3) {
                    case 0 -> assertThat(reason).startsWith("not a valid S3 event notification");
                    case 1 -> assertThat(reason).isEqualTo("unknown tenant '" + stranger + "'");
                    default -> assertThat(reason).contains("outside any tenant prefix");
                }
            });
            assertThat(filesOf(tenant)).isEqualTo(expectedFiles);
            assertThat(filesOf(stranger)).isZero();
            assertThat(PoisonFlood.deadLettered(registry, Topics.STORAGE_EVENTS) - deadLetteredBefore)
                    .isEqualTo(poisonIndexes.size());
            assertThat(PoisonFlood.batches(registry, Topics.STORAGE_EVENTS) - batchesBefore)
                    .as("batches handled: a poison record must not cost a poll of its own")
                    .isLessThan(poisonIndexes.size());
        }
    }

    private long filesOf(String tenantId) {
        return jdbc.sql("select count(*) from metadata.files where tenant_id = ?").param(tenantId)
                .query(Long.class).single();
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyStoredNotificationCountsInTheLagHistogramWhetherItsTraceIsFollowedOrNot() throws Exception {
        jdbc.sql("insert into metadata.tenants (id, name) values (?, ?)").params(tenant, tenant).update();
        Timer lag = registry.get("uplink.metadata.ingest.lag").tag("topic", Topics.STORAGE_EVENTS).timer();
        long before = lag.count();

        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (String sampled : List.of("00", "01")) { // not followed, followed
                String key = "tenants/" + tenant + "/2026/11/25/u-" + sampled + "/a.png";
                byte[] notification = minioRecord("s3:ObjectCreated:Put", key, "1").getBytes(StandardCharsets.UTF_8);
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.STORAGE_EVENTS,
                        "uplink-uploads/" + key, notification);
                record.headers().add("traceparent", ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-" + sampled)
                        .getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
        }
        Instant deadline = Instant.now().plusSeconds(60);
        while (lag.count() - before < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }

        assertThat(jdbc.sql("select count(*) from metadata.files where tenant_id = ? and status = 'active'")
                .param(tenant).query(Long.class).single()).isEqualTo(2);
        assertThat(lag.count() - before).isGreaterThanOrEqualTo(2);
    }

    private void awaitStatus(String status) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            List<String> statuses = jdbc.sql("select status from metadata.files where tenant_id = ?").param(tenant)
                    .query(String.class).list();
            if (statuses.equals(List.of(status))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("file never reached status " + status);
    }

    private void poll(KafkaConsumer<String, byte[]> consumer, List<FileEvent> seen) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
            FileEvent event = EventJson.read(record.value(), FileEvent.class);
            if (tenant.equals(event.tenantId())) {
                seen.add(event);
            }
        }
    }

    private static String minioRecord(String eventName, String key, String sequencer) {
        String escaped = java.net.URLEncoder.encode(key, StandardCharsets.UTF_8);
        return """
                {"EventName":"%s","Key":"uplink-uploads/%s","Records":[{"eventVersion":"2.0","eventSource":"minio:s3",
                 "awsRegion":"","eventTime":"2026-11-25T10:15:30.123Z","eventName":"%s",
                 "s3":{"s3SchemaVersion":"1.0","bucket":{"name":"uplink-uploads","arn":"arn:aws:s3:::uplink-uploads"},
                  "object":{"key":"%s","size":2048,"eTag":"9b2c","contentType":"image/png",
                   "userMetadata":{"content-type":"image/png","X-Amz-Meta-Original-Filename":"my file+1.png",
                    "X-Amz-Meta-Project":"apollo"},"sequencer":"%s"}}}]}
                """.formatted(eventName, key, eventName, escaped, sequencer);
    }

    private void send(KafkaProducer<String, byte[]> producer, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.STORAGE_EVENTS, key, value.getBytes(StandardCharsets.UTF_8))).get();
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<String, byte[]> consumer(String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "storage-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
