package io.uplink.metadata.storageevent;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.FileEvent;
import io.uplink.contracts.Topics;
import io.uplink.contracts.UploadCompleted;
import io.uplink.contracts.UploadSource;
import io.uplink.metadata.MetadataServiceTest;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser upload is usually recorded from the store's notification, before its completion arrives. The completion
 * then adds what only it knows — the uploader's subject, the metadata granted with the upload, the original filename
 * — and the file is announced once more as {@code file.updated}; a redelivered completion adds nothing and announces
 * nothing, and a completion of other bytes under the same key changes nothing. A completion whose bytes were found to
 * be another type than declared turns the row rejected instead, announced once as {@code file.rejected}.
 */
@MetadataServiceTest
class UploadDetailsAfterTheNotificationTest {

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private final String tenant = "late-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theCompletionAddsTheUploadersDetailsToARowTheNotificationRecordedAndAnnouncesFileUpdatedOnce() throws Exception {
        jdbc.sql("insert into metadata.tenants (id, name) values (?, ?)").params(tenant, tenant).update();
        String key = "tenants/" + tenant + "/2026/12/06/u1/0f3a9c.png";
        String otherKey = "tenants/" + tenant + "/2026/12/06/u2/77b1e0.png";

        try (KafkaConsumer<String, byte[]> events = consumer();
             KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, Topics.STORAGE_EVENTS, "uplink-uploads/" + key, notification(key, "9b2c"));
            send(producer, Topics.STORAGE_EVENTS, "uplink-uploads/" + otherKey, notification(otherKey, "9b2c"));
            awaitRows(2);

            UploadCompleted completed = completion(key, "\"9b2c\"");
            send(producer, Topics.UPLOADS_COMPLETED, key, EventJson.writeString(completed));
            send(producer, Topics.UPLOADS_COMPLETED, key, EventJson.writeString(completed)); // redelivered
            send(producer, Topics.UPLOADS_COMPLETED, otherKey, EventJson.writeString(completion(otherKey, "\"ffff\"")));

            List<FileEvent> seen = collect(events, 3);

            List<FileEvent> ofKey = seen.stream().filter(event -> event.data().key().equals(key)).toList();
            assertThat(ofKey).extracting(FileEvent::type).containsExactly(FileEvent.FILE_CREATED, FileEvent.FILE_UPDATED);
            assertThat(ofKey.get(0).data().metadata()).doesNotContainKey("subject");
            assertThat(ofKey.get(1).data().fileId()).isEqualTo(ofKey.get(0).data().fileId());
            assertThat(ofKey.get(1).data().metadata())
                    .containsEntry("subject", "browser-user-7")
                    .containsEntry("uploaded-from", "browser")
                    .containsEntry("project", "apollo");
            assertThat(ofKey.get(1).data().originalFilename()).isEqualTo("holiday photo.png");

            assertThat(seen.stream().filter(event -> event.data().key().equals(otherKey)))
                    .as("events of a key whose completion is of other bytes")
                    .extracting(FileEvent::type).containsExactly(FileEvent.FILE_CREATED);
            Map<String, Object> other = jdbc.sql("select user_metadata::text as metadata from metadata.files where object_key = ?")
                    .param(otherKey).query().singleRow();
            assertThat(String.valueOf(other.get("metadata"))).doesNotContain("subject");

            Map<String, Object> row = jdbc.sql("select user_metadata::text as metadata, original_filename, upload_id,"
                            + " source from metadata.files where object_key = ?").param(key).query().singleRow();
            assertThat(String.valueOf(row.get("metadata"))).contains("\"subject\": \"browser-user-7\"");
            assertThat(row.get("original_filename")).isEqualTo("holiday photo.png");
            assertThat(row.get("upload_id")).isEqualTo(completed.uploadId());
            assertThat(row.get("source")).as("the row still says which signal recorded it").isEqualTo("storage-event");
        }
    }

    @Test
    void aSubjectTheObjectsOwnMetadataClaimsIsDroppedOnlyTheUploadsCompletionNamesTheUploader() throws Exception {
        jdbc.sql("insert into metadata.tenants (id, name) values (?, ?)").params(tenant, tenant).update();
        String key = "tenants/" + tenant + "/2026/12/06/u3/5d1c2e.png";

        try (KafkaConsumer<String, byte[]> events = consumer();
             KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, Topics.STORAGE_EVENTS, "uplink-uploads/" + key, notification(key, "9b2c",
                    "\"X-Amz-Meta-Subject\":\"someone-else\","));
            awaitRows(1);
            // credential-service completes the session when it hears the same notification
            send(producer, Topics.UPLOADS_COMPLETED, key, EventJson.writeString(
                    completion(key, "\"9b2c\"", UploadSource.STORE_NOTIFICATION)));

            List<FileEvent> seen = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline) && seen.size() < 2) {
                poll(events, seen);
            }

            assertThat(seen).extracting(FileEvent::type).containsExactly(FileEvent.FILE_CREATED, FileEvent.FILE_UPDATED);
            assertThat(seen.get(0).data().metadata()).doesNotContainKey("subject").containsEntry("project", "apollo");
            assertThat(seen.get(1).data().metadata()).containsEntry("subject", "browser-user-7");
            Map<String, Object> row = jdbc.sql("select user_metadata::text as metadata from metadata.files"
                    + " where object_key = ?").param(key).query().singleRow();
            assertThat(String.valueOf(row.get("metadata"))).contains("\"subject\": \"browser-user-7\"")
                    .doesNotContain("someone-else");
        }
    }

    @Test
    void aCompletionWhoseBytesAreAnotherTypeRejectsTheRowTheNotificationRecordedAndAnnouncesFileRejectedOnce()
            throws Exception {
        jdbc.sql("insert into metadata.tenants (id, name) values (?, ?)").params(tenant, tenant).update();
        String key = "tenants/" + tenant + "/2026/12/06/u4/1a2b3c.png";
        String first = "tenants/" + tenant + "/2026/12/06/u5/4d5e6f.png";
        String reason = "the bytes are application/x-msdownload, not the declared image/png";

        try (KafkaConsumer<String, byte[]> events = consumer();
             KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, Topics.STORAGE_EVENTS, "uplink-uploads/" + key, notification(key, "9b2c"));
            awaitRows(1);
            UploadCompleted rejected = completion(key, "\"9b2c\"").rejectedFor(reason);
            send(producer, Topics.UPLOADS_COMPLETED, key, EventJson.writeString(rejected));
            send(producer, Topics.UPLOADS_COMPLETED, key, EventJson.writeString(rejected)); // redelivered
            // the completion first: the version is recorded rejected, and its notification then changes nothing
            send(producer, Topics.UPLOADS_COMPLETED, first, EventJson.writeString(
                    completion(first, "\"9b2c\"").rejectedFor(reason)));
            awaitRows(2);
            send(producer, Topics.STORAGE_EVENTS, "uplink-uploads/" + first, notification(first, "9b2c"));

            List<FileEvent> seen = collect(events, 3);

            List<FileEvent> ofKey = seen.stream().filter(event -> event.data().key().equals(key)).toList();
            assertThat(ofKey).extracting(FileEvent::type).containsExactly(FileEvent.FILE_CREATED, FileEvent.FILE_REJECTED);
            assertThat(ofKey.get(1).data().status()).isEqualTo("rejected");
            assertThat(ofKey.get(1).data().rejectionReason()).isEqualTo(reason);
            assertThat(ofKey.get(1).data().metadata()).containsEntry("subject", "browser-user-7");
            assertThat(seen.stream().filter(event -> event.data().key().equals(first)))
                    .extracting(FileEvent::type).containsExactly(FileEvent.FILE_REJECTED);
            for (String each : List.of(key, first)) {
                Map<String, Object> row = jdbc.sql("select status, rejection_reason from metadata.files"
                        + " where object_key = ?").param(each).query().singleRow();
                assertThat(row).containsEntry("status", "rejected").containsEntry("rejection_reason", reason);
            }
        }
    }

    private UploadCompleted completion(String key, String etag) {
        return completion(key, etag, UploadSource.CLIENT_COMPLETE);
    }

    private UploadCompleted completion(String key, String etag, UploadSource source) {
        return new UploadCompleted(UUID.randomUUID(), tenant, "up-" + UUID.randomUUID(), "uplink-uploads", key, 2048,
                "image/png", etag, null, null, "holiday photo.png",
                Map.of("subject", "browser-user-7", "uploaded-from", "browser"),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), source);
    }

    private static String notification(String key, String etag) {
        return notification(key, etag, "");
    }

    /** @param moreMetadata further {@code userMetadata} entries, each followed by a comma */
    private static String notification(String key, String etag, String moreMetadata) {
        String escaped = java.net.URLEncoder.encode(key, StandardCharsets.UTF_8);
        return """
                {"EventName":"s3:ObjectCreated:Put","Key":"uplink-uploads/%s","Records":[{"eventVersion":"2.0",
                 "eventSource":"minio:s3","awsRegion":"","eventTime":"2026-12-06T10:15:30.123Z",
                 "eventName":"s3:ObjectCreated:Put",
                 "s3":{"s3SchemaVersion":"1.0","bucket":{"name":"uplink-uploads","arn":"arn:aws:s3:::uplink-uploads"},
                  "object":{"key":"%s","size":2048,"eTag":"%s","contentType":"image/png",
                   "userMetadata":{%s"content-type":"image/png","X-Amz-Meta-Project":"apollo"},
                   "sequencer":"17A4B2C3D4E5F607"}}}]}
                """.formatted(key, escaped, etag, moreMetadata);
    }

    private void awaitRows(int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            long rows = jdbc.sql("select count(*) from metadata.files where tenant_id = ?").param(tenant)
                    .query(Long.class).single();
            if (rows == count) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the notifications were never recorded");
    }

    /** This tenant's events: at least {@code expected} within a minute, then whatever more comes within 3 s. */
    private List<FileEvent> collect(KafkaConsumer<String, byte[]> consumer, int expected) {
        List<FileEvent> seen = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline) && seen.size() < expected) {
            poll(consumer, seen);
        }
        Instant settle = Instant.now().plusSeconds(3);
        while (Instant.now().isBefore(settle)) {
            poll(consumer, seen);
        }
        return seen;
    }

    private void poll(KafkaConsumer<String, byte[]> consumer, List<FileEvent> seen) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
            FileEvent event = EventJson.read(record.value(), FileEvent.class);
            if (tenant.equals(event.tenantId())) {
                seen.add(event);
            }
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8))).get();
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<String, byte[]> consumer() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "late-details-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.FILES_EVENTS));
        return consumer;
    }
}
