package io.uplink.callback.erasure;

import io.uplink.callback.CallbackServiceTest;
import io.uplink.callback.TestEndpoints;
import io.uplink.contracts.EventJson;
import io.uplink.contracts.FileData;
import io.uplink.contracts.FileEvent;
import io.uplink.contracts.TenantEvent;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When metadata-service announces {@code tenant.erased}, this service removes everything it holds of the tenant
 * (endpoints, messages, deliveries, attempts) and nothing of anyone else; a record that is no tenant event is
 * dead-lettered with its reason.
 */
@CallbackServiceTest
class TenantErasedTest {

    @Autowired
    KafkaTemplate<byte[], byte[]> kafka;
    @Autowired
    JdbcClient jdbc;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void anErasedTenantsEndpointsMessagesAndDeliveriesAreRemovedAndOnlyItsOwn() throws Exception {
        String erased = TestEndpoints.uniqueTenant("erased");
        String kept = TestEndpoints.uniqueTenant("kept");
        TestEndpoints endpoints = new TestEndpoints(jdbc);
        // unreachable endpoints on purpose: the deliveries stay pending, as a tenant's backlog would
        endpoints.insert(erased, "http://127.0.0.1:1/a", List.of(), true);
        endpoints.insert(erased, "http://127.0.0.1:1/b", List.of(), false);
        endpoints.insert(kept, "http://127.0.0.1:1/c", List.of(), true);
        FileEvent erasedFile = fileCreated(erased);
        FileEvent keptFile = fileCreated(kept);
        send(Topics.FILES_EVENTS, erasedFile.partitionKey(), EventJson.write(erasedFile));
        send(Topics.FILES_EVENTS, keptFile.partitionKey(), EventJson.write(keptFile));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("deliveries", erased) == 1 && count("deliveries", kept) == 1);

        TenantEvent event = new TenantEvent(UUID.randomUUID(), TenantEvent.TENANT_ERASED, erased, Instant.now());
        send(Topics.TENANTS_EVENTS, erased, EventJson.write(event));

        await().atMost(Duration.ofSeconds(30)).until(() -> count("endpoints", erased) == 0);
        assertThat(count("messages", erased)).isZero();
        assertThat(count("deliveries", erased)).isZero();
        assertThat(count("attempts", erased)).isZero();
        assertThat(count("endpoints", kept)).isEqualTo(1);
        assertThat(count("messages", kept)).isEqualTo(1);
        assertThat(count("deliveries", kept)).isEqualTo(1);
    }

    @Test
    void aRecordThatIsNoTenantEventGoesToTheDeadLetterTopicWithItsReason() throws Exception {
        String garbage = "{\"not\":\"a tenant event " + UUID.randomUUID() + "\"}";

        send(Topics.TENANTS_EVENTS, "someone", garbage.getBytes(StandardCharsets.UTF_8));

        ConsumerRecord<byte[], byte[]> dead = deadLetter(garbage);
        assertThat(header(dead, "uplink-dlt-reason")).contains("not a valid TenantEvent");
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.TENANTS_EVENTS);
    }

    private long count(String table, String tenant) {
        return jdbc.sql("select count(*) from " + table + " where tenant_id = ?").param(tenant).query(Long.class).single();
    }

    private void send(String topic, String key, byte[] value) throws Exception {
        kafka.send(topic, key.getBytes(StandardCharsets.UTF_8), value).get();
    }

    private ConsumerRecord<byte[], byte[]> deadLetter(String value) {
        AtomicReference<ConsumerRecord<byte[], byte[]>> found = new AtomicReference<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "tenant-dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.TENANTS_EVENTS)));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null && value.equals(new String(record.value(), StandardCharsets.UTF_8))) {
                        found.set(record);
                    }
                }
                return found.get() != null;
            });
        }
        return found.get();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static FileEvent fileCreated(String tenant) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        FileData data = new FileData("file_" + UUID.randomUUID(), "uplink-uploads", "tenants/" + tenant + "/a.txt", 5,
                "text/plain", "\"etag\"", null, null, "a.txt", Map.of(), "active", now, null);
        return new FileEvent(UUID.randomUUID(), FileEvent.FILE_CREATED, tenant, now, data);
    }
}
