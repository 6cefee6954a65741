package io.uplink.acceptance;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.FileEvent;
import io.uplink.contracts.Topics;
import io.uplink.contracts.UploadCompleted;
import io.uplink.contracts.UploadSource;
import io.uplink.localstack.LocalStack;
import io.uplink.localstack.webhook.DemoWebhookReceiver.VerifiedDelivery;
import io.uplink.testsupport.PostgresEndpoint;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code UploadCompleted} record travels the real pipes — Kafka, metadata-service's idempotent
 * ingestion into Flyway-created tables, the outbox relayed by the Debezium embedded engine, callback-service's
 * fan-out — and ends as one verified webhook at the tenant's receiver, however many completion signals arrived.
 */
class WalkingSkeletonTest {

    private static final Duration PIPELINE = Duration.ofSeconds(90);

    private static LocalStack suite;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
    }

    @Test
    void anUploadCompletedRecordBecomesOneFileOneFileEventOneMessageAndOneVerifiedWebhook() throws Exception {
        String tenant = suite.demoTenant().tenantId();
        String uploadId = UUID.randomUUID().toString();
        String key = "tenants/" + tenant + "/" + Instant.now().toString().substring(0, 10).replace('-', '/')
                + "/" + uploadId + "/walking skeleton.txt";
        UploadCompleted completed = new UploadCompleted(UUID.randomUUID(), tenant, uploadId,
                suite.infrastructure().s3().bucket(), key, 42, "text/plain", "\"0123abcd\"", null, null,
                "walking skeleton.txt", Map.of("origin", "acceptance"), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                UploadSource.CLIENT_COMPLETE);
        // The same completion seen twice, and a second signal (another event id) for the same object version.
        UploadCompleted secondSignal = new UploadCompleted(UUID.randomUUID(), tenant, uploadId, completed.bucket(), key,
                42, "text/plain", "\"0123abcd\"", null, null, "walking skeleton.txt", Map.of(), completed.completedAt(),
                UploadSource.RECONCILER);
        publish(completed, completed, secondSignal);

        String fileId = Eventually.await("metadata.files row for " + key, PIPELINE,
                () -> queryString("select id::text from metadata.files where object_key = ?", key));

        FileEvent fileEvent = Eventually.await("file.created on " + Topics.FILES_EVENTS, PIPELINE,
                () -> fileEventsFor(fileId).stream().findFirst());
        assertThat(fileEvent.type()).isEqualTo(FileEvent.FILE_CREATED);
        assertThat(fileEvent.tenantId()).isEqualTo(tenant);
        assertThat(fileEvent.data().key()).isEqualTo(key);
        assertThat(fileEvent.data().size()).isEqualTo(42);
        assertThat(fileEvent.data().originalFilename()).isEqualTo("walking skeleton.txt");

        Eventually.await("callback.messages row for event " + fileEvent.eventId(), PIPELINE,
                () -> queryString("select id::text from callback.messages where event_id = ?::uuid",
                        fileEvent.eventId().toString()));
        VerifiedDelivery webhook = Eventually.await("a verified webhook for " + key, PIPELINE,
                () -> webhooksFor(key).stream().findFirst());
        assertThat(webhook.body()).contains("\"type\":\"file.created\"").contains(fileId);

        awaitMetadataConsumedEverythingPublished();
        assertThat(queryLong("select count(*) from metadata.files where object_key = ?", key)).isEqualTo(1);
        assertThat(fileEventsFor(fileId)).hasSize(1);
        assertThat(queryLong("select count(*) from callback.messages where tenant_id = ? and payload like ?",
                tenant, "%" + fileId + "%")).isEqualTo(1);
        // A redelivery would keep its webhook-id; a second file.created would bring a new one.
        assertThat(webhooksFor(key).stream().map(VerifiedDelivery::webhookId).collect(Collectors.toSet())).hasSize(1);
    }

    private static void publish(UploadCompleted... events) throws Exception {
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (UploadCompleted event : events) {
                producer.send(new ProducerRecord<>(Topics.UPLOADS_COMPLETED, event.partitionKey(), EventJson.write(event))).get();
            }
        }
    }

    /** Everything on uplink.files.events for one file, read from the beginning. */
    private static List<FileEvent> fileEventsFor(String fileId) {
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "acceptance-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.FILES_EVENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<FileEvent> found = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (fileId.equals(record.key())) {
                        found.add(EventJson.read(record.value(), FileEvent.class));
                    }
                });
            }
            return found;
        }
    }

    private static List<VerifiedDelivery> webhooksFor(String key) {
        return suite.receiver().deliveries().stream()
                .filter(delivery -> delivery.body().contains(EventJson.writeString(key)))
                .toList();
    }

    /** Waits until metadata-service's consumer group has committed past every record on the completions topic. */
    private static void awaitMetadataConsumedEverythingPublished() {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap()))) {
            Eventually.await("metadata-service to commit past all completions", PIPELINE, () -> {
                try {
                    Set<TopicPartition> partitions = admin.describeTopics(List.of(Topics.UPLOADS_COMPLETED))
                            .allTopicNames().get().get(Topics.UPLOADS_COMPLETED).partitions().stream()
                            .map(p -> new TopicPartition(Topics.UPLOADS_COMPLETED, p.partition()))
                            .collect(Collectors.toSet());
                    Map<TopicPartition, Long> ends = new java.util.HashMap<>();
                    for (var entry : admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                            .all().get().entrySet()) {
                        ends.put(entry.getKey(), entry.getValue().offset());
                    }
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("metadata-service")
                            .partitionsToOffsetAndMetadata().get();
                    boolean caughtUp = partitions.stream().allMatch(p -> ends.get(p) == 0
                            || (committed.get(p) != null && committed.get(p).offset() >= ends.get(p)));
                    return caughtUp ? Optional.of(true) : Optional.empty();
                } catch (Exception e) {
                    return Optional.empty();
                }
            });
        }
    }

    private static String bootstrap() {
        return suite.infrastructure().kafka().bootstrapServers();
    }

    private static Optional<String> queryString(String sql, String parameter) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            // The service may not have migrated its schema yet.
            return Optional.empty();
        }
    }

    private static long queryLong(String sql, String... parameters) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static Connection connect() throws SQLException {
        PostgresEndpoint postgres = suite.infrastructure().postgres();
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }
}
