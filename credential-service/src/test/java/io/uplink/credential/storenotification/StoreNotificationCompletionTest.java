package io.uplink.credential.storenotification;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.Topics;
import io.uplink.contracts.UploadCompleted;
import io.uplink.contracts.UploadSource;
import io.uplink.contracts.identity.IdentityKeys;
import io.uplink.contracts.identity.UploadToken;
import io.uplink.contracts.identity.UploadTokenVerifier;
import io.uplink.credential.ServiceApi;
import io.uplink.credential.session.UploadSession;
import io.uplink.credential.session.UploadSessionRepository;
import io.uplink.credential.upload.UploadCompletedConsumer;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.SharedInfrastructure;
import io.uplink.testsupport.UplinkInfrastructure;
import io.uplink.testsupport.identity.TestIdentityKeys;
import io.uplink.testsupport.notification.KafkaNotificationTarget;
import io.uplink.testsupport.notification.MinioNotification;
import io.uplink.testsupport.notification.StorageNotificationPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser that uploads with one request never calls back: the store's notification on
 * {@code uplink.storage.events} is what completes its session, within seconds, with the upload token's subject and
 * metadata. Uploads go exactly as Uppy's {@code signRequest} mode sends them; the notification is the one MinIO
 * (and the local stack's store) publishes for that PUT.
 */
@UplinkInfrastructure({Infra.S3, Infra.KAFKA, Infra.POSTGRES})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestIdentityKeys.TRUSTED_KEYS_PROPERTY, TestIdentityKeys.CREDENTIAL_PRIVATE_KEY_PROPERTY})
class StoreNotificationCompletionTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String BUCKET = SharedInfrastructure.BUCKET;

    private final UploadTokenVerifier tokens = new UploadTokenVerifier(
            IdentityKeys.publicKey(TestIdentityKeys.CREDENTIAL_PUBLIC_KEY), Clock.systemUTC());
    private final String tenant = "notified-" + UUID.randomUUID().toString().substring(0, 8);

    @LocalServerPort
    int port;

    @Autowired
    UploadSessionRepository sessions;

    @Autowired
    StoreNotificationCompletions completions;

    @Test
    void theStoresNotificationCompletesABrowsersSingleRequestUploadWithItsUploadersDetails() throws Exception {
        String token = mintToken();
        JsonNode signed = signPut(token, "photo.png", 5);
        String key = signed.get("key").asString();
        assertThat(put(signed, "hello")).isEqualTo(200);

        try (UploadCompletedConsumer completed = new UploadCompletedConsumer();
             StorageNotificationPublisher store = new StorageNotificationPublisher(new KafkaNotificationTarget(
                     SharedInfrastructure.kafka().bootstrapServers(), Topics.STORAGE_EVENTS))) {
            Instant announced = Instant.now();
            // Repeated as a store may repeat it, until the listener has joined its group (it starts at the end).
            ConsumerRecord<String, String> record = null;
            for (int attempt = 0; record == null && attempt < 20; attempt++) {
                store.publish(MinioNotification.created(MinioNotification.PUT, BUCKET, key, 5, "\"etag\"",
                        "image/png", Map.of(), "17A4B2C3D4E5F60" + (attempt % 10), Instant.now()));
                record = completed.findKey(tenant + "/" + key, Duration.ofSeconds(1)).orElse(null);
            }
            assertThat(record).as("an upload completion for %s", key).isNotNull();
            UploadCompleted event = EventJson.read(record.value(), UploadCompleted.class);

            assertThat(event.source()).isEqualTo(UploadSource.STORE_NOTIFICATION);
            assertThat(event.metadata()).containsEntry("subject", "user-42").containsEntry("album", "holiday");
            assertThat(event.originalFilename()).isEqualTo("photo.png");
            assertThat(event.size()).isEqualTo(5);
            assertThat(Duration.between(announced, Instant.now())).isLessThan(Duration.ofSeconds(20));
        }
        assertThat(session(signed).status()).isEqualTo(UploadSession.Status.COMPLETED);
    }

    @Test
    void anObjectAnnouncedInAnotherBucketCompletesNothing() throws Exception {
        JsonNode signed = signPut(mintToken(), "elsewhere.png", 5);
        assertThat(put(signed, "hello")).isEqualTo(200);

        completions.completeAll(List.of(
                new CreatedObjects.StoredObject("another-bucket", signed.get("key").asString())));

        assertThat(session(signed).status()).isEqualTo(UploadSession.Status.PENDING);
    }

    @Test
    void anAnnouncementBeforeTheBytesArrivedLeavesTheSessionPending() {
        JsonNode signed = signPut(mintToken(), "not-yet.png", 5);

        completions.completeAll(List.of(new CreatedObjects.StoredObject(BUCKET, signed.get("key").asString())));

        assertThat(session(signed).status()).isEqualTo(UploadSession.Status.PENDING);
    }

    private String mintToken() {
        ServiceApi.Response minted = api().post(tenant, "/api/v1/upload-tokens",
                Map.of("subject", "user-42", "metadata", Map.of("album", "holiday")));
        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        return minted.json().get("token").asString();
    }

    /** What Uppy's signRequest hook sends for a single PUT, with the name, size and type the page knows. */
    private JsonNode signPut(String token, String filename, int size) {
        UploadToken verified = tokens.verify(token);
        ServiceApi.Response answer = api().send(api().uploaderRequest(verified, token, "/api/v1/s3/sign")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EventJson.writeString(Map.of("method", "PUT",
                        "key", UUID.randomUUID() + "-" + filename, "filename", filename, "contentType", "image/png",
                        "size", size))))
                .build());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static int put(JsonNode signed, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(signed.get("url").asString()))
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        signed.path("headers").properties().forEach(header -> {
            if (!header.getKey().equalsIgnoreCase("content-length")) {
                request.header(header.getKey(), header.getValue().asString());
            }
        });
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private UploadSession session(JsonNode signed) {
        Optional<UploadSession> session = sessions.findByKey(tenant, signed.get("key").asString());
        assertThat(session).isPresent();
        return session.get();
    }

    private ServiceApi api() {
        return new ServiceApi(port);
    }
}
