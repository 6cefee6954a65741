package io.uplink.callback.fanout;

import io.uplink.callback.CallbackServiceTest;
import io.uplink.callback.TestEndpoints;
import io.uplink.contracts.EventJson;
import io.uplink.contracts.FileData;
import io.uplink.contracts.FileEvent;
import io.uplink.contracts.InvalidEventException;
import io.uplink.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@CallbackServiceTest
class FileEventFanOutTest {

    @Autowired
    KafkaTemplate<byte[], byte[]> kafka;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FileEventListener listener;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void storesOneMessageAndOneDeliveryPerMatchingEnabledEndpointWhenTheSameEventArrivesTwice() throws Exception {
        String tenant = TestEndpoints.uniqueTenant("fanout");
        TestEndpoints endpoints = new TestEndpoints(jdbc);
        UUID allTypes = endpoints.insert(tenant, "http://127.0.0.1:1/a", List.of(), true);
        UUID createdOnly = endpoints.insert(tenant, "http://127.0.0.1:1/b", List.of("file.created"), true);
        endpoints.insert(tenant, "http://127.0.0.1:1/c", List.of("file.deleted"), true);
        endpoints.insert(tenant, "http://127.0.0.1:1/d", List.of(), false);
        endpoints.insert(TestEndpoints.uniqueTenant("other"), "http://127.0.0.1:1/e", List.of(), true);
        FileEvent event = fileCreated(tenant);

        send(event.partitionKey(), EventJson.write(event));
        send(event.partitionKey(), EventJson.write(event));
        FileEvent later = fileCreated(tenant);
        send(later.partitionKey(), EventJson.write(later));

        // the later event on another key proves the consumer is past the duplicate on any partition ordering
        await().atMost(Duration.ofSeconds(30)).until(() -> messageCount(later.eventId()) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> messageCount(event.eventId()) == 1);
        // the duplicate shares the partition with the first copy, so it has been consumed when this holds
        sendAndAwait(event.partitionKey(), fileCreated(tenant));

        assertThat(messageCount(event.eventId())).isEqualTo(1);
        Map<String, Object> message = jdbc.sql("select id, tenant_id, event_type, payload from messages where event_id = ?")
                .param(event.eventId()).query().singleRow();
        assertThat(message).containsEntry("tenant_id", tenant).containsEntry("event_type", "file.created");
        Map<?, ?> payload = EventJson.read((String) message.get("payload"), Map.class);
        assertThat(payload.get("type")).isEqualTo("file.created");
        assertThat(payload.get("timestamp")).isEqualTo(event.occurredAt().toString());
        assertThat(((Map<?, ?>) payload.get("data")).get("fileId")).isEqualTo(event.data().fileId());

        Set<UUID> deliveredTo = jdbc.sql("""
                        select endpoint_id from deliveries where message_id = ?""")
                .param(message.get("id")).query(UUID.class).list().stream().collect(Collectors.toSet());
        assertThat(deliveredTo).containsExactlyInAnyOrder(allTypes, createdOnly);
    }

    @Test
    void aRejectedFileReachesTheEndpointsSubscribedToRejectionsAndThoseThatTakeEverything() throws Exception {
        String tenant = TestEndpoints.uniqueTenant("rejected");
        TestEndpoints endpoints = new TestEndpoints(jdbc);
        UUID allTypes = endpoints.insert(tenant, "http://127.0.0.1:1/a", List.of(), true);
        UUID rejectedOnly = endpoints.insert(tenant, "http://127.0.0.1:1/b", List.of("file.rejected"), true);
        endpoints.insert(tenant, "http://127.0.0.1:1/c", List.of("file.created", "file.deleted"), true);
        FileEvent created = fileCreated(tenant);
        FileData data = created.data();
        FileEvent rejected = new FileEvent(UUID.randomUUID(), FileEvent.FILE_REJECTED, tenant, created.occurredAt(),
                new FileData(data.fileId(), data.bucket(), data.key(), 9_000_000, data.contentType(), data.etag(),
                        null, null, data.originalFilename(), data.metadata(), "rejected", data.createdAt(), null,
                        "size 9000000 exceeds the tenant's maxObjectSize 1048576", "default", null));

        sendAndAwait(rejected.partitionKey(), rejected);

        Map<String, Object> message = jdbc.sql("select id, event_type, payload from messages where event_id = ?")
                .param(rejected.eventId()).query().singleRow();
        assertThat(message).containsEntry("event_type", "file.rejected");
        Map<?, ?> payload = EventJson.read((String) message.get("payload"), Map.class);
        assertThat(((Map<?, ?>) payload.get("data")).get("rejectionReason"))
                .isEqualTo("size 9000000 exceeds the tenant's maxObjectSize 1048576");
        assertThat(jdbc.sql("select endpoint_id from deliveries where message_id = ?").param(message.get("id"))
                .query(UUID.class).list()).containsExactlyInAnyOrder(allTypes, rejectedOnly);
    }

    @Test
    void sendsGarbageToTheDeadLetterTopicWithItsReasonAndKeepsProcessingThePartition() throws Exception {
        String tenant = TestEndpoints.uniqueTenant("poison");
        new TestEndpoints(jdbc).insert(tenant, "http://127.0.0.1:1/a", List.of(), true);
        FileEvent good = fileCreated(tenant);
        byte[] garbage = ("{not json " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        byte[] missingFields = ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"file.created\"}")
                .getBytes(StandardCharsets.UTF_8);

        send(good.partitionKey(), garbage);
        send(good.partitionKey(), missingFields);
        send(good.partitionKey(), EventJson.write(good));

        await().atMost(Duration.ofSeconds(30)).until(() -> messageCount(good.eventId()) == 1);
        assertThat(jdbc.sql("select count(*) from deliveries d join messages m on m.id = d.message_id where m.event_id = ?")
                .param(good.eventId()).query(Integer.class).single()).isEqualTo(1);

        Map<String, ConsumerRecord<byte[], byte[]>> dead = readDeadLetters(Set.of(
                new String(garbage, StandardCharsets.UTF_8), new String(missingFields, StandardCharsets.UTF_8)));
        ConsumerRecord<byte[], byte[]> deadGarbage = dead.get(new String(garbage, StandardCharsets.UTF_8));
        assertThat(deadGarbage.key()).isEqualTo(good.partitionKey().getBytes(StandardCharsets.UTF_8));
        assertThat(header(deadGarbage, "uplink-dlt-reason")).startsWith("invalid-event: not a valid FileEvent");
        assertThat(header(deadGarbage, "kafka_dlt-exception-cause-fqcn"))
                .isEqualTo("io.uplink.contracts.InvalidEventException");
        assertThat(header(deadGarbage, "kafka_dlt-original-topic")).isEqualTo(Topics.FILES_EVENTS);
        assertThat(header(dead.get(new String(missingFields, StandardCharsets.UTF_8)), "uplink-dlt-reason"))
                .startsWith("invalid-event:");
    }

    @Test
    void storesTheEventsBeforeAPoisonRecordInTheMiddleOfABatchAndNamesThePoisonByItsIndex() {
        String tenant = TestEndpoints.uniqueTenant("midbatch");
        UUID endpoint = new TestEndpoints(jdbc).insert(tenant, "http://127.0.0.1:1/a", List.of(), true);
        FileEvent before = fileCreated(tenant);
        FileEvent after = fileCreated(tenant);
        List<ConsumerRecord<byte[], byte[]>> batch = List.of(
                record(0, EventJson.write(before)),
                record(1, ("{not json " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8)),
                record(2, EventJson.write(after)));

        assertThatThrownBy(() -> listener.onFileEvents(batch))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
                    assertThat(failed.getIndex()).isEqualTo(1);
                    assertThat(failed.getCause()).isInstanceOf(InvalidEventException.class);
                });

        assertThat(messageCount(before.eventId())).isEqualTo(1);
        assertThat(jdbc.sql("select endpoint_id from deliveries d join messages m on m.id = d.message_id where m.event_id = ?")
                .param(before.eventId()).query(UUID.class).list()).containsExactly(endpoint);
        // the record after the poison is left for the redelivery, not stored out of order
        assertThat(messageCount(after.eventId())).isZero();
    }

    @Test
    void deadLettersOnlyThePoisonOfABatchAndStoresTheEventsAroundIt() throws Exception {
        String tenant = TestEndpoints.uniqueTenant("batchpoison");
        new TestEndpoints(jdbc).insert(tenant, "http://127.0.0.1:1/a", List.of(), true);
        String key = "file_" + UUID.randomUUID();
        List<FileEvent> before = List.of(fileCreated(tenant), fileCreated(tenant), fileCreated(tenant));
        List<FileEvent> after = List.of(fileCreated(tenant), fileCreated(tenant), fileCreated(tenant));
        byte[] poison = ("{not json " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);

        // sent without waiting in between so the consumer gets them in one poll, on one partition (same key)
        List<java.util.concurrent.CompletableFuture<?>> sent = new java.util.ArrayList<>();
        before.forEach(event -> sent.add(kafka.send(Topics.FILES_EVENTS, key.getBytes(StandardCharsets.UTF_8),
                EventJson.write(event))));
        sent.add(kafka.send(Topics.FILES_EVENTS, key.getBytes(StandardCharsets.UTF_8), poison));
        after.forEach(event -> sent.add(kafka.send(Topics.FILES_EVENTS, key.getBytes(StandardCharsets.UTF_8),
                EventJson.write(event))));
        kafka.flush();
        for (var future : sent) {
            future.get();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> java.util.stream.Stream.concat(before.stream(), after.stream())
                .allMatch(event -> messageCount(event.eventId()) == 1));
        assertThat(jdbc.sql("select count(*) from deliveries where tenant_id = ?").param(tenant)
                .query(Integer.class).single()).isEqualTo(6);
        String poisonText = new String(poison, StandardCharsets.UTF_8);
        ConsumerRecord<byte[], byte[]> dead = readDeadLetters(Set.of(poisonText)).get(poisonText);
        assertThat(header(dead, "uplink-dlt-reason")).startsWith("invalid-event:");
        assertThat(header(dead, "kafka_dlt-exception-cause-fqcn")).isEqualTo("io.uplink.contracts.InvalidEventException");
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, byte[] value) {
        return new ConsumerRecord<>(Topics.FILES_EVENTS, 0, offset, "key".getBytes(StandardCharsets.UTF_8), value);
    }

    private Map<String, ConsumerRecord<byte[], byte[]>> readDeadLetters(Set<String> values) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        AtomicReference<Map<String, ConsumerRecord<byte[], byte[]>>> found = new AtomicReference<>(new java.util.HashMap<>());
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.FILES_EVENTS)));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String value = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
                    if (values.contains(value)) {
                        found.get().put(value, record);
                    }
                }
                return found.get().keySet().containsAll(values);
            });
        }
        return found.get();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private int messageCount(UUID eventId) {
        return jdbc.sql("select count(*) from messages where event_id = ?").param(eventId).query(Integer.class).single();
    }

    private void send(String key, byte[] value) throws Exception {
        kafka.send(Topics.FILES_EVENTS, key.getBytes(StandardCharsets.UTF_8), value).get();
    }

    private void sendAndAwait(String key, FileEvent event) throws Exception {
        send(key, EventJson.write(event));
        await().atMost(Duration.ofSeconds(30)).until(() -> messageCount(event.eventId()) == 1);
    }

    static FileEvent fileCreated(String tenant) {
        String fileId = "file_" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        FileData data = new FileData(fileId, "uplink-uploads", "tenants/" + tenant + "/2026/01/01/u1/cat.png", 1234,
                "image/png", "\"etag\"", null, null, "cat.png", Map.of("album", "pets"), "stored", now, null);
        return new FileEvent(UUID.randomUUID(), FileEvent.FILE_CREATED, tenant, now, data);
    }
}
