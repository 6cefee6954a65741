package io.uplink.credential.reconcile;

import io.uplink.contracts.UploadCompleted;
import io.uplink.contracts.UploadSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.uplink.credential.ServiceApi;
import io.uplink.credential.policy.UploadMethod;
import io.uplink.credential.session.UploadSession;
import io.uplink.credential.session.UploadSessionRepository;
import io.uplink.credential.upload.StorageClient;
import io.uplink.credential.upload.UploadCompletedConsumer;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.UplinkInfrastructure;
import io.uplink.testsupport.identity.TestIdentityKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@UplinkInfrastructure({Infra.S3, Infra.KAFKA, Infra.POSTGRES})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        TestIdentityKeys.TRUSTED_KEYS_PROPERTY, TestIdentityKeys.CREDENTIAL_PRIVATE_KEY_PROPERTY,
        // The shared store under a secret it no longer accepts: every request to it is refused with 403.
        "uplink.credential.storage.targets.rotated.endpoint=${uplink.credential.storage.endpoint}",
        "uplink.credential.storage.targets.rotated.region=${uplink.credential.storage.region}",
        "uplink.credential.storage.targets.rotated.bucket=${uplink.credential.storage.bucket}",
        "uplink.credential.storage.targets.rotated.access-key=${uplink.credential.storage.access-key}",
        "uplink.credential.storage.targets.rotated.secret-key=rotated-away-0123456789abcdef",
        "uplink.credential.storage.targets.rotated.path-style-access=true"})
class UploadReconcilerTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    UploadReconciler reconciler;

    @Autowired
    UploadSessionRepository sessions;

    @Autowired
    MeterRegistry meters;

    private JsonNode grant(String tenant, String method, int size) {
        ServiceApi.Response response = new ServiceApi(port).post(tenant, "/api/v1/uploads",
                Map.of("filename", "r.bin", "contentType", "application/octet-stream", "size", size, "method", method));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private String status(String tenant, JsonNode grant) {
        return new ServiceApi(port).get(tenant, "/api/v1/uploads/" + grant.get("uploadId").asString())
                .json().get("status").asString();
    }

    @Test
    void publishesAnUploadWhoseClientNeverCalledComplete() throws Exception {
        String tenant = "rec-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode grant = grant(tenant, "PUT", 4);
        int stored = CLIENT.send(HttpRequest.newBuilder(URI.create(grant.get("url").asString()))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofString("data")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        assertThat(stored).isEqualTo(200);

        try (UploadCompletedConsumer consumer = new UploadCompletedConsumer()) {
            reconciler.reconcile(Instant.now().plus(Duration.ofMinutes(5)));

            UploadCompleted event = UploadCompletedConsumer.event(
                    consumer.awaitKey(tenant + "/" + grant.get("key").asString()));
            assertThat(event.source()).isEqualTo(UploadSource.RECONCILER);
            assertThat(event.size()).isEqualTo(4);
        }
        assertThat(status(tenant, grant)).isEqualTo("completed");
    }

    @Test
    void leavesRecentSessionsToTheirClientsAndExpiresThoseWhoseCredentialRanOut() {
        String tenant = "rec-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode grant = grant(tenant, "PUT", 4);

        reconciler.reconcile(Instant.now());
        assertThat(status(tenant, grant)).isEqualTo("pending");

        reconciler.reconcile(Instant.now().plus(Duration.ofHours(2)));
        assertThat(status(tenant, grant)).isEqualTo("expired");
    }

    @Test
    void abortsAbandonedMultipartUploadsInTheStore() throws Exception {
        String tenant = "rec-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode grant = grant(tenant, "MULTIPART", 10);
        JsonNode part = new ServiceApi(port).get(tenant, "/api/v1/uploads/" + grant.get("uploadId").asString()
                + "/parts?numbers=1").json().get("parts").get(0);
        CLIENT.send(HttpRequest.newBuilder(URI.create(part.get("url").asString()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[10])).build(), HttpResponse.BodyHandlers.discarding());

        reconciler.reconcile(Instant.now().plus(Duration.ofDays(8)));

        assertThat(status(tenant, grant)).isEqualTo("expired");
        try (S3Client storage = StorageClient.admin()) {
            assertThat(storage.listMultipartUploads(r -> r.bucket("uplink-uploads").prefix("tenants/" + tenant + "/"))
                    .uploads()).isEmpty();
        }
    }

    @Test
    void aSessionTheStoreRefusesIsCountedAndTheRunGoesOnWithTheOthers() throws Exception {
        String tenant = "rec-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        // Created before the good upload, so the run meets it first.
        UploadSession poisoned = new UploadSession(UUID.randomUUID(), tenant, "uplink-uploads",
                "tenants/" + tenant + "/poisoned.bin", UploadMethod.PUT, "poisoned.bin", "application/octet-stream", 4,
                null, Map.of(), null, null, null, UploadSession.Status.PENDING, now.minus(Duration.ofMinutes(1)),
                now.plus(Duration.ofHours(1)), null, null, true, "rotated");
        sessions.insert(poisoned);
        JsonNode grant = grant(tenant, "PUT", 4);
        int stored = CLIENT.send(HttpRequest.newBuilder(URI.create(grant.get("url").asString()))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofString("good")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        assertThat(stored).isEqualTo(200);
        double failuresBefore = failures();

        try (UploadCompletedConsumer consumer = new UploadCompletedConsumer()) {
            UploadReconciler.Result result = reconciler.reconcile(now.plus(Duration.ofMinutes(5)));

            assertThat(result.failed()).isGreaterThanOrEqualTo(1);
            consumer.awaitKey(tenant + "/" + grant.get("key").asString());
        } finally {
            sessions.finish(poisoned.uploadId(), UploadSession.Status.ABORTED, Instant.now(), null);
        }
        assertThat(status(tenant, grant)).isEqualTo("completed");
        assertThat(failures()).isGreaterThan(failuresBefore);
    }

    private double failures() {
        var counter = meters.find("uplink.reconciler.failures").counter();
        return counter == null ? 0 : counter.count();
    }
}
