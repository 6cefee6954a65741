package io.uplink.testsupport.notification;

import io.uplink.testsupport.EmbeddedS3Server;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.KafkaEndpoint;
import io.uplink.testsupport.UplinkInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded S3 server with notifications on, driven by the AWS SDK, and what arrives on the Kafka topic. */
@UplinkInfrastructure(Infra.KAFKA)
class NotifyingBlobStoreTest {

    private static final String BUCKET = "uplink-uploads";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration QUIET = Duration.ofMillis(700);

    private static final String TOPIC = "storage-events-" + UUID.randomUUID();
    private static EmbeddedS3Server server;
    private static S3Client s3;
    private static KafkaConsumer<String, byte[]> consumer;
    private static final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

    @BeforeAll
    static void start(KafkaEndpoint kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        server = EmbeddedS3Server.start(0, null, BUCKET, new KafkaNotificationTarget(kafka.bootstrapServers(), TOPIC));
        s3 = S3Clients.of(server);
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.assign(List.of(new TopicPartition(TOPIC, 0)));
        consumer.seekToBeginning(consumer.assignment());
    }

    @AfterAll
    static void stop() {
        consumer.close();
        s3.close();
        server.close();
    }

    @Test
    void aPutIsAnnouncedWithKeySizeETagContentTypeAndUserMetadata() {
        String key = "tenants/acme/2026/12/06/" + UUID.randomUUID() + "/my photo+1.png";
        Instant before = Instant.now();
        PutObjectResponse put = s3.putObject(request -> request.bucket(BUCKET).key(key).contentType("image/png")
                        .metadata(Map.of("original-filename", "my photo+1.png", "project", "apollo")),
                RequestBody.fromString("a png, honestly"));

        List<JsonNode> notifications = notificationsFor(key, 1);

        JsonNode notification = notifications.get(0);
        assertThat(notification.get("EventName").asString()).isEqualTo("s3:ObjectCreated:Put");
        assertThat(notification.get("Key").asString()).isEqualTo(BUCKET + "/" + key);
        JsonNode record = notification.get("Records").get(0);
        assertThat(record.get("eventName").asString()).isEqualTo("s3:ObjectCreated:Put");
        assertThat(record.get("eventSource").asString()).isEqualTo("minio:s3");
        assertThat(Instant.parse(record.get("eventTime").asString()))
                .isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(record.at("/s3/bucket/name").asString()).isEqualTo(BUCKET);
        JsonNode object = record.at("/s3/object");
        assertThat(object.get("key").asString()).doesNotContain("/", " ")
                .isEqualTo(MinioNotification.queryEscape(key));
        assertThat(URLDecoder.decode(object.get("key").asString(), StandardCharsets.UTF_8)).isEqualTo(key);
        assertThat(object.get("size").asLong()).isEqualTo("a png, honestly".length());
        assertThat(object.get("eTag").asString()).isEqualTo(put.eTag().replace("\"", ""));
        assertThat(object.get("contentType").asString()).isEqualTo("image/png");
        assertThat(object.get("userMetadata").get("content-type").asString()).isEqualTo("image/png");
        assertThat(object.get("userMetadata").get("X-Amz-Meta-Original-Filename").asString())
                .isEqualTo("my photo+1.png");
        assertThat(object.get("userMetadata").get("X-Amz-Meta-Project").asString()).isEqualTo("apollo");
        assertThat(object.get("sequencer").asString()).matches("[0-9A-F]+");
    }

    @Test
    void aBrowserFormUploadIsAnnouncedLikeAPut() throws Exception {
        String key = "tenants/acme/2026/12/06/" + UUID.randomUUID() + "/notes.txt";

        int status = PostFormUpload.send(server.endpoint(), key, "text/plain",
                Map.of("x-amz-meta-original-filename", "notes.txt"), "posted from a form");

        assertThat(status).isBetween(200, 299);
        JsonNode notification = notificationsFor(key, 1).get(0);
        assertThat(notification.get("EventName").asString()).isEqualTo("s3:ObjectCreated:Put");
        JsonNode object = notification.at("/Records/0/s3/object");
        assertThat(object.get("size").asLong()).isEqualTo("posted from a form".length());
        assertThat(object.get("contentType").asString()).isEqualTo("text/plain");
        assertThat(object.get("userMetadata").get("X-Amz-Meta-Original-Filename").asString()).isEqualTo("notes.txt");
        assertThat(object.get("eTag").asString()).isEqualTo(s3.headObject(request -> request.bucket(BUCKET).key(key))
                .eTag().replace("\"", ""));
    }

    @Test
    void aCompletedMultipartUploadIsAnnouncedOnceWithTheWholeSize() {
        String key = "tenants/acme/2026/12/06/" + UUID.randomUUID() + "/video.mp4";
        String uploadId = s3.createMultipartUpload(request -> request.bucket(BUCKET).key(key)
                .contentType("video/mp4")).uploadId();
        byte[] first = new byte[5 * 1024 * 1024];
        byte[] last = new byte[1024];
        String firstETag = s3.uploadPart(request -> request.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(first)).eTag();
        String lastETag = s3.uploadPart(request -> request.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(last)).eTag();
        CompleteMultipartUploadResponse completed = s3.completeMultipartUpload(request -> request.bucket(BUCKET)
                .key(key).uploadId(uploadId).multipartUpload(upload -> upload.parts(
                        CompletedPart.builder().partNumber(1).eTag(firstETag).build(),
                        CompletedPart.builder().partNumber(2).eTag(lastETag).build())));

        List<JsonNode> notifications = notificationsFor(key, 1);

        JsonNode notification = notifications.get(0);
        assertThat(notification.get("EventName").asString()).isEqualTo("s3:ObjectCreated:CompleteMultipartUpload");
        JsonNode object = notification.at("/Records/0/s3/object");
        assertThat(object.get("size").asLong()).isEqualTo(first.length + last.length);
        assertThat(object.get("eTag").asString()).isEqualTo(completed.eTag().replace("\"", ""));
        assertThat(object.get("contentType").asString()).isEqualTo("video/mp4");
        assertThat(received).noneMatch(record -> record.key().contains(".s3proxy-mpu-stub-"));
    }

    @Test
    void aDeleteOfAnExistingObjectIsAnnouncedAfterItsCreateWithAGreaterSequencer() {
        String key = "tenants/acme/2026/12/06/" + UUID.randomUUID() + "/gone.txt";
        s3.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromString("soon gone"));
        s3.deleteObject(request -> request.bucket(BUCKET).key(key));

        List<JsonNode> notifications = notificationsFor(key, 2);

        assertThat(notifications).extracting(n -> n.get("EventName").asString())
                .containsExactly("s3:ObjectCreated:Put", "s3:ObjectRemoved:Delete");
        JsonNode removed = notifications.get(1).at("/Records/0/s3/object");
        assertThat(removed.has("size")).isFalse();
        assertThat(removed.has("eTag")).isFalse();
        assertThat(URLDecoder.decode(removed.get("key").asString(), StandardCharsets.UTF_8)).isEqualTo(key);
        assertThat(sequencer(notifications.get(1))).isGreaterThan(sequencer(notifications.get(0)));
    }

    @Test
    void aMultiObjectDeleteAnnouncesEachObjectThatExistedAndNothingForAMissingOne() {
        String prefix = "tenants/acme/2026/12/06/" + UUID.randomUUID() + "/";
        s3.putObject(request -> request.bucket(BUCKET).key(prefix + "a.txt"), RequestBody.fromString("a"));
        s3.putObject(request -> request.bucket(BUCKET).key(prefix + "b.txt"), RequestBody.fromString("b"));
        s3.deleteObjects(request -> request.bucket(BUCKET).delete(delete -> delete.objects(
                ObjectIdentifier.builder().key(prefix + "a.txt").build(),
                ObjectIdentifier.builder().key(prefix + "b.txt").build())));
        s3.deleteObject(request -> request.bucket(BUCKET).key(prefix + "never-there.txt"));

        assertThat(notificationsFor(prefix + "a.txt", 2)).extracting(n -> n.get("EventName").asString())
                .containsExactly("s3:ObjectCreated:Put", "s3:ObjectRemoved:Delete");
        assertThat(notificationsFor(prefix + "b.txt", 2)).extracting(n -> n.get("EventName").asString())
                .containsExactly("s3:ObjectCreated:Put", "s3:ObjectRemoved:Delete");
        assertThat(notificationsFor(prefix + "never-there.txt", 0)).isEmpty();
    }

    @Test
    void requestsSucceedPromptlyWhenKafkaCannotBeReached() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KafkaNotificationTarget nowhere = new KafkaNotificationTarget("127.0.0.1:" + closedPort, TOPIC);
        try (EmbeddedS3Server unreachable = EmbeddedS3Server.start(0, null, BUCKET, nowhere);
             S3Client client = S3Clients.of(unreachable)) {
            Instant start = Instant.now();
            for (int i = 0; i < 5; i++) {
                String key = "tenants/acme/offline-" + i + ".txt";
                client.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromString("stored anyway"));
                client.deleteObject(request -> request.bucket(BUCKET).key(key));
            }
            client.putObject(request -> request.bucket(BUCKET).key("tenants/acme/kept.txt"),
                    RequestBody.fromString("stored anyway"));

            // One request waiting for Kafka would take the producer's 10 s metadata wait.
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(8));
            assertThat(client.getObjectAsBytes(request -> request.bucket(BUCKET).key("tenants/acme/kept.txt"))
                    .asUtf8String()).isEqualTo("stored anyway");
        }
    }

    /** Waits for {@code count} notifications of the key, then a moment longer to see that no more follow. */
    private static List<JsonNode> notificationsFor(String key, int count) {
        String recordKey = BUCKET + "/" + key;
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline) && forKey(recordKey).size() < count) {
            consumer.poll(Duration.ofMillis(100)).forEach(received::add);
        }
        Instant quietUntil = Instant.now().plus(QUIET);
        while (Instant.now().isBefore(quietUntil)) {
            consumer.poll(Duration.ofMillis(100)).forEach(received::add);
        }
        List<JsonNode> notifications = forKey(recordKey);
        assertThat(notifications).as("notifications of " + recordKey).hasSize(count);
        return notifications;
    }

    private static List<JsonNode> forKey(String recordKey) {
        return received.stream().filter(record -> record.key().equals(recordKey))
                .map(record -> JSON.readTree(record.value())).toList();
    }

    private static BigInteger sequencer(JsonNode notification) {
        return new BigInteger(notification.at("/Records/0/s3/object/sequencer").asString(), 16);
    }
}
