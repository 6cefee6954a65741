package io.uplink.metadata.storageevent;

import io.uplink.contracts.Topics;
import io.uplink.metadata.MetadataServiceTest;
import io.uplink.testsupport.EmbeddedS3Server;
import io.uplink.testsupport.SharedInfrastructure;
import io.uplink.testsupport.notification.KafkaNotificationTarget;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The notifications of the local stack's embedded store (test-support's notifying S3 server), read by this
 * service: its parser accepts each one as the event it describes, and an upload is recorded without a complete call.
 */
@MetadataServiceTest
class LocalStoreNotificationsTest {

    private static final String BUCKET = "uplink-uploads";
    private static EmbeddedS3Server store;
    private static S3Client s3;

    @Autowired
    JdbcClient jdbc;

    private final String tenant = "local-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startNotifyingStore() {
        store = EmbeddedS3Server.start(0, null, BUCKET,
                new KafkaNotificationTarget(SharedInfrastructure.kafka().bootstrapServers(), Topics.STORAGE_EVENTS));
        s3 = S3Client.builder()
                .endpointOverride(store.endpoint().endpoint())
                .region(Region.of(store.endpoint().region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(store.endpoint().accessKey(), store.endpoint().secretKey())))
                .forcePathStyle(true)
                .build();
    }

    @AfterAll
    static void stopNotifyingStore() {
        s3.close();
        store.close();
    }

    @Test
    void theParserReadsPutMultipartAndDeleteNotificationsAsTheEventsTheyDescribe() {
        jdbc.sql("insert into metadata.tenants (id, name) values (?, ?)").params(tenant, tenant).update();
        String photo = "tenants/" + tenant + "/2026/12/06/u1/my photo+1 (2).png";
        String video = "tenants/" + tenant + "/2026/12/06/u2/video.mp4";
        try (KafkaConsumer<String, byte[]> consumer = consumerAtEnd()) {
            String photoETag = s3.putObject(request -> request.bucket(BUCKET).key(photo).contentType("image/png")
                            .metadata(Map.of("original-filename", "my photo+1 (2).png", "project", "apollo")),
                    RequestBody.fromString("a png, honestly")).eTag();
            String videoETag = uploadInTwoParts(video);
            s3.deleteObject(request -> request.bucket(BUCKET).key(photo));

            List<StorageEvent> events = storageEventsOf(consumer, 3);

            assertThat(events).extracting(StorageEvent::eventName, StorageEvent::key).containsExactly(
                    tuple("ObjectCreated:Put", photo),
                    tuple("ObjectCreated:CompleteMultipartUpload", video),
                    tuple("ObjectRemoved:Delete", photo));
            StorageEvent created = events.get(0);
            assertThat(created.kind()).isEqualTo(StorageEvent.Kind.CREATED);
            assertThat(created.bucket()).isEqualTo(BUCKET);
            assertThat(created.size()).isEqualTo("a png, honestly".length());
            assertThat(created.etag()).isEqualTo(photoETag.replace("\"", ""));
            assertThat(created.contentType()).isEqualTo("image/png");
            assertThat(created.userMetadata()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("original-filename", "my photo+1 (2).png", "project", "apollo"));
            assertThat(created.versionId()).isNull();
            assertThat(created.eventTime()).isBetween(Instant.now().minusSeconds(60), Instant.now());
            StorageEvent completed = events.get(1);
            assertThat(completed.size()).isEqualTo(5 * 1024 * 1024 + 1024);
            assertThat(completed.etag()).isEqualTo(videoETag.replace("\"", ""));
            StorageEvent removed = events.get(2);
            assertThat(removed.kind()).isEqualTo(StorageEvent.Kind.REMOVED);
            assertThat(Sequencers.isLater(removed.sequencer(), created.sequencer())).isTrue();
        }
    }

    @Test
    void anUploadIsRecordedWithoutACompleteCallAndItsDeleteToo() throws Exception {
        jdbc.sql("insert into metadata.tenants (id, name) values (?, ?)").params(tenant, tenant).update();
        String key = "tenants/" + tenant + "/2026/12/06/u3/report.pdf";
        String eTag = s3.putObject(request -> request.bucket(BUCKET).key(key).contentType("application/pdf")
                        .metadata(Map.of("original-filename", "Annual report.pdf")),
                RequestBody.fromString("%PDF-1.7 not really")).eTag();

        Map<String, Object> row = awaitRow("active");
        assertThat(row).containsEntry("object_key", key).containsEntry("size", 19L)
                .containsEntry("etag", eTag.replace("\"", "")).containsEntry("content_type", "application/pdf")
                .containsEntry("original_filename", "Annual report.pdf").containsEntry("source", "storage-event");

        s3.deleteObject(request -> request.bucket(BUCKET).key(key));
        assertThat(awaitRow("deleted")).containsEntry("object_key", key);
    }

    private String uploadInTwoParts(String key) {
        String uploadId = s3.createMultipartUpload(request -> request.bucket(BUCKET).key(key)
                .contentType("video/mp4")).uploadId();
        String first = s3.uploadPart(request -> request.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(new byte[5 * 1024 * 1024])).eTag();
        String last = s3.uploadPart(request -> request.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(new byte[1024])).eTag();
        return s3.completeMultipartUpload(request -> request.bucket(BUCKET).key(key).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(CompletedPart.builder().partNumber(1).eTag(first).build(),
                        CompletedPart.builder().partNumber(2).eTag(last).build()))).eTag();
    }

    private KafkaConsumer<String, byte[]> consumerAtEnd() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.STORAGE_EVENTS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** The tenant's notifications in the order the store made them (one object's stay on one partition). */
    private List<StorageEvent> storageEventsOf(KafkaConsumer<String, byte[]> consumer, int count) {
        List<StorageEvent> events = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(30);
        while (events.size() < count && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.key().startsWith(BUCKET + "/tenants/" + tenant + "/")) {
                    events.addAll(StorageEventParser.parse(record.value()));
                }
            }
        }
        events.sort((a, b) -> a.sequencer().compareTo(b.sequencer()));
        return events;
    }

    private Map<String, Object> awaitRow(String status) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            List<Map<String, Object>> rows = jdbc.sql("select object_key, size, etag, content_type,"
                    + " original_filename, source, status from metadata.files where tenant_id = ?")
                    .param(tenant).query().listOfRows();
            if (rows.size() == 1 && status.equals(rows.get(0).get("status"))) {
                return rows.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the file of tenant " + tenant + " never reached status " + status);
    }
}
