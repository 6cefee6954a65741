package io.uplink.metadata.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.uplink.contracts.EventJson;
import io.uplink.contracts.FileEvent;
import io.uplink.contracts.InvalidEventException;
import io.uplink.contracts.Topics;
import io.uplink.contracts.UploadCompleted;
import io.uplink.contracts.UploadSource;
import io.uplink.metadata.MetadataServiceTest;
import io.uplink.metadata.PoisonFlood;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

@MetadataServiceTest
class UploadCompletedIngestionTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry registry;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void registerTenant() {
        jdbc.sql("insert into metadata.tenants (id, name) values (?, ?)").params(tenant, "Tenant " + tenant).update();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void duplicateCompletionSignalsYieldOneFileAndExactlyOneFileCreatedEvent() throws Exception {
        UploadCompleted completed = completion(tenant, "tenants/" + tenant + "/2026/11/25/up1/report.pdf");
        UploadCompleted reconciled = new UploadCompleted(UUID.randomUUID(), tenant, completed.uploadId(),
                completed.bucket(), completed.key(), completed.size(), completed.contentType(), completed.etag(), null,
                null, completed.originalFilename(), completed.metadata(), completed.completedAt().plusSeconds(60),
                UploadSource.RECONCILER);

        try (KafkaConsumer<String, byte[]> fileEvents = consumer(Topics.FILES_EVENTS)) {
            publish(completed.partitionKey(), EventJson.write(completed));
            publish(completed.partitionKey(), EventJson.write(completed));
            publish(reconciled.partitionKey(), EventJson.write(reconciled));

            List<FileEvent> events = new ArrayList<>();
            await(() -> collectFileEvents(fileEvents, events), list -> !list.isEmpty(), Duration.ofSeconds(60));
            // Give any wrongly duplicated event time to show up before concluding there is none.
            Instant settle = Instant.now().plusSeconds(4);
            while (Instant.now().isBefore(settle)) {
                collectFileEvents(fileEvents, events);
            }

            assertThat(events).hasSize(1);
            FileEvent created = events.get(0);
            assertThat(created.type()).isEqualTo(FileEvent.FILE_CREATED);
            assertThat(created.occurredAt()).isEqualTo(completed.completedAt());
            assertThat(created.data().key()).isEqualTo(completed.key());
            assertThat(created.data().size()).isEqualTo(completed.size());
            assertThat(created.data().originalFilename()).isEqualTo("report.pdf");
            assertThat(created.data().metadata()).containsEntry("project", "apollo");
            assertThat(created.data().status()).isEqualTo("active");

            List<Map<String, Object>> rows = jdbc.sql("select id::text as id, object_key, size, source from metadata.files"
                    + " where tenant_id = ?").param(tenant).query().listOfRows();
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).containsEntry("id", created.data().fileId())
                    .containsEntry("object_key", completed.key())
                    .containsEntry("size", 2048L)
                    .containsEntry("source", "client-complete");
        }
    }

    @Test
    void garbageRecordGoesToTheDeadLetterTopicWithItsReasonAndTheNextRecordIsStillStored() throws Exception {
        String key = tenant + "/tenants/" + tenant + "/same-partition";
        byte[] garbage = "{not json at all".getBytes(StandardCharsets.UTF_8);
        UploadCompleted good = completion(tenant, "tenants/" + tenant + "/2026/11/25/up2/after-garbage.png");

        try (KafkaConsumer<String, byte[]> deadLetters = consumer(Topics.deadLetter(Topics.UPLOADS_COMPLETED))) {
            publish(key, garbage);
            publish(key, EventJson.write(good));

            ConsumerRecord<String, byte[]> dead = awaitDeadLetter(deadLetters, key);
            assertThat(dead.value()).isEqualTo(garbage);
            assertThat(header(dead, "uplink-dlt-exception")).isEqualTo("io.uplink.contracts.InvalidEventException");
            assertThat(header(dead, "uplink-dlt-reason")).startsWith("not a valid UploadCompleted");
            assertThat(dead.headers().lastHeader("kafka_dlt-original-topic")).isNotNull();
            await(() -> filesOf(tenant), count -> count == 1, Duration.ofSeconds(30));
        }
    }

    @Test
    void rejectsAnUploadOfAnUnknownTenantToTheDeadLetterTopic() throws Exception {
        String stranger = "unknown-" + UUID.randomUUID().toString().substring(0, 8);
        UploadCompleted completed = completion(stranger, "tenants/" + stranger + "/2026/11/25/up3/x.bin");

        try (KafkaConsumer<String, byte[]> deadLetters = consumer(Topics.deadLetter(Topics.UPLOADS_COMPLETED))) {
            publish(completed.partitionKey(), EventJson.write(completed));

            ConsumerRecord<String, byte[]> dead = awaitDeadLetter(deadLetters, completed.partitionKey());
            assertThat(header(dead, "uplink-dlt-reason")).isEqualTo("unknown tenant '" + stranger + "'");
            assertThat(header(dead, "uplink-dlt-exception")).isEqualTo(RejectedEventException.class.getName());
            assertThat(filesOf(stranger)).isZero();
        }
    }

    @Test
    void rejectsAnEventWhoseKeyIsInAnotherTenantsPrefix() throws Exception {
        UploadCompleted forged = completion(tenant, "tenants/someone-else/2026/11/25/up4/steal.txt");

        try (KafkaConsumer<String, byte[]> deadLetters = consumer(Topics.deadLetter(Topics.UPLOADS_COMPLETED))) {
            publish(forged.partitionKey(), EventJson.write(forged));

            ConsumerRecord<String, byte[]> dead = awaitDeadLetter(deadLetters, forged.partitionKey());
            assertThat(header(dead, "uplink-dlt-reason")).contains("is in tenant 'someone-else'");
            assertThat(filesOf(tenant)).isZero();
        }
    }

    @Test
    void deadLettersEveryPoisonRecordOfABatchAndStoresTheValidOnesBesideThem() throws Exception {
        String stranger = "unknown-" + UUID.randomUUID().toString().substring(0, 8);
        List<byte[]> values = new ArrayList<>();
        int valid = 0;
        for (int i = 0; i < 550; i++) {
            if (i % 11 == 10) {
                values.add(EventJson.write(completion(tenant, "tenants/" + tenant + "/flood/" + i + ".bin")));
                valid++;
                continue;
            }
            values.add(switch (i % 3) {
                case 0 -> ("{not json " + i).getBytes(StandardCharsets.UTF_8);
                case 1 -> EventJson.write(completion(stranger, "tenants/" + stranger + "/flood/" + i + ".bin"));
                default -> EventJson.write(completion(tenant, "tenants/someone-else/flood/" + i + ".bin"));
            });
        }
        int poison = values.size() - valid;
        long expectedFiles = valid;
        long batchesBefore = PoisonFlood.batches(registry, Topics.UPLOADS_COMPLETED);
        double deadLetteredBefore = PoisonFlood.deadLettered(registry, Topics.UPLOADS_COMPLETED);

        try (PoisonFlood flood = new PoisonFlood(bootstrapServers, Topics.UPLOADS_COMPLETED)) {
            // Generous: a bound against a poison record costing a poll each, not a benchmark.
            Instant deadline = Instant.now().plusSeconds(60);
            flood.send(values);

            await(() -> filesOf(tenant), count -> count == expectedFiles, Duration.between(Instant.now(), deadline));
            Map<String, List<ConsumerRecord<String, byte[]>>> dead = flood.deadLetters(poison, deadline);

            List<Integer> poisonIndexes = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                if (i % 11 != 10) {
                    poisonIndexes.add(i);
                }
            }
            flood.assertDeadLetteredOnceEach(dead, poisonIndexes, (index, letter) -> {
                String reason = PoisonFlood.header(letter, "uplink-dlt-reason");
                switch (index % 3) {
                    case 0 -> assertThat(reason).startsWith("not a valid UploadCompleted");
                    case 1 -> assertThat(reason).isEqualTo("unknown tenant '" + stranger + "'");
                    default -> assertThat(reason).contains("is in tenant 'someone-else'");
                }
                assertThat(PoisonFlood.header(letter, "uplink-dlt-exception")).isEqualTo(index % 3 == 0
                        ? InvalidEventException.class.getName() : RejectedEventException.class.getName());
            });
            assertThat(filesOf(tenant)).isEqualTo(expectedFiles);
            assertThat(filesOf(stranger)).isZero();
            assertThat(PoisonFlood.deadLettered(registry, Topics.UPLOADS_COMPLETED) - deadLetteredBefore)
                    .isEqualTo(poison);
            assertThat(PoisonFlood.batches(registry, Topics.UPLOADS_COMPLETED) - batchesBefore)
                    .as("batches handled: a poison record must not cost a poll of its own")
                    .isLessThan(poison);
        }
    }

    @Test
    void theFileEventContinuesTheTraceOfTheCompletionThatCausedIt() throws Exception {
        UploadCompleted completed = completion(tenant, "tenants/" + tenant + "/2026/12/07/up9/traced.pdf");
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String producerSpanId = "00f067aa0ba902b7";
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.UPLOADS_COMPLETED,
                completed.partitionKey(), EventJson.write(completed));
        record.headers().add("traceparent",
                ("00-" + traceId + "-" + producerSpanId + "-01").getBytes(StandardCharsets.UTF_8));

        try (KafkaConsumer<String, byte[]> fileEvents = consumer(Topics.FILES_EVENTS)) {
            producer.send(record).get();
            List<ConsumerRecord<String, byte[]>> relayed = awaitRecordsOfTheTenant(fileEvents);

            // same trace; the parent is the relay's span, a grandchild of the completion's producer span
            String traceparent = header(relayed.get(0), "traceparent");
            assertThat(traceparent).matches("00-" + traceId + "-[0-9a-f]{16}-01");
            assertThat(traceparent.substring(36, 52)).isNotEqualTo(producerSpanId);
        }
    }

    @Test
    void aCompletionWithoutTraceContextStartsATraceOfItsOwn() throws Exception {
        UploadCompleted completed = completion(tenant, "tenants/" + tenant + "/2026/12/07/up10/untraced.pdf");

        try (KafkaConsumer<String, byte[]> fileEvents = consumer(Topics.FILES_EVENTS)) {
            publish(completed.partitionKey(), EventJson.write(completed));
            List<ConsumerRecord<String, byte[]>> relayed = awaitRecordsOfTheTenant(fileEvents);

            assertThat(header(relayed.get(0), "traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        }
    }

    /** The file events of this test's tenant, once at least one has been relayed. */
    private List<ConsumerRecord<String, byte[]>> awaitRecordsOfTheTenant(KafkaConsumer<String, byte[]> fileEvents)
            throws InterruptedException {
        List<ConsumerRecord<String, byte[]>> relayed = new ArrayList<>();
        return await(() -> {
            fileEvents.poll(Duration.ofMillis(300)).forEach(candidate -> {
                if (EventJson.read(candidate.value(), FileEvent.class).tenantId().equals(tenant)) {
                    relayed.add(candidate);
                }
            });
            return relayed;
        }, list -> !list.isEmpty(), Duration.ofSeconds(60));
    }

    private UploadCompleted completion(String tenantId, String key) {
        return new UploadCompleted(UUID.randomUUID(), tenantId, "up-" + UUID.randomUUID(), "uplink-uploads", key, 2048,
                "application/pdf", "\"9b2cf535f27731c974343645a3985328\"", null, null,
                key.substring(key.lastIndexOf('/') + 1), Map.of("project", "apollo"),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), UploadSource.CLIENT_COMPLETE);
    }

    private void publish(String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.UPLOADS_COMPLETED, key, value)).get();
    }

    private long filesOf(String tenantId) {
        return jdbc.sql("select count(*) from metadata.files where tenant_id = ?").param(tenantId)
                .query(Long.class).single();
    }

    private List<FileEvent> collectFileEvents(KafkaConsumer<String, byte[]> consumer, List<FileEvent> events) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
            FileEvent event = EventJson.read(record.value(), FileEvent.class);
            if (event.tenantId().equals(tenant)) {
                assertThat(record.key()).isEqualTo(event.data().fileId());
                events.add(event);
            }
        }
        return events;
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter(KafkaConsumer<String, byte[]> consumer, String key)
            throws InterruptedException {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        await(() -> {
            consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                if (key.equals(record.key())) {
                    found.add(record);
                }
            });
            return found;
        }, list -> !list.isEmpty(), Duration.ofSeconds(60));
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private KafkaConsumer<String, byte[]> consumer(String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "ingest-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static <T> T await(Supplier<T> probe, Predicate<T> done, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        T value = probe.get();
        while (!done.test(value)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached within " + timeout + ", last value: " + value);
            }
            Thread.sleep(200);
            value = probe.get();
        }
        return value;
    }
}
