package io.uplink.credential.upload;

import io.uplink.credential.ServiceApi;
import io.uplink.credential.policy.UploadPolicyDecider;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.UplinkInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A presigned PUT URL used after its expiry: the store itself refuses it. Tenants get the shortest credential
 * life the service allows ({@link UploadPolicyDecider#MIN_TTL}), so the test waits that long once.
 */
@UplinkInfrastructure({Infra.S3, Infra.KAFKA, Infra.POSTGRES})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "uplink.identity.secret=" + ServiceApi.IDENTITY_SECRET,
        "uplink.tenants.defaults.credential-ttl-seconds=1"})
class ExpiredCredentialTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void storeRefusesAPresignedPutAfterItsExpiryAndStoresNothing() throws Exception {
        String tenant = "exp-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode inTime = grant(tenant);
        JsonNode late = grant(tenant);
        Instant expiresAt = Instant.parse(late.get("expiresAt").asString());
        assertThat(Duration.between(Instant.now(), expiresAt)).isLessThanOrEqualTo(UploadPolicyDecider.MIN_TTL);
        // The same kind of URL used within its life is accepted: the refusal below is the expiry, nothing else.
        assertThat(put(inTime).statusCode()).isEqualTo(200);

        // Past the expiry by more than the second the URL's X-Amz-Date is rounded to.
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis()) + 2_000);
        HttpResponse<String> refused = put(late);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        try (S3Client storage = StorageClient.admin()) {
            assertThatThrownBy(() -> storage.headObject(r -> r.bucket("uplink-uploads").key(late.get("key").asString())))
                    .isInstanceOf(NoSuchKeyException.class);
        }
    }

    private JsonNode grant(String tenant) {
        ServiceApi.Response response = new ServiceApi(port).post(tenant, "/api/v1/uploads",
                Map.of("filename", "late.bin", "contentType", "application/octet-stream", "size", 4, "method", "PUT"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    /** Sends the URL with the headers the grant lists (Host and Content-Length come from the client). */
    private static HttpResponse<String> put(JsonNode grant) throws Exception {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(grant.get("url").asString()))
                .PUT(HttpRequest.BodyPublishers.ofString("late"));
        grant.get("headers").properties().forEach(h -> {
            if (!h.getKey().equals("content-length") && !h.getKey().equals("host")) {
                put.header(h.getKey(), h.getValue().asString());
            }
        });
        return CLIENT.send(put.build(), HttpResponse.BodyHandlers.ofString());
    }
}
