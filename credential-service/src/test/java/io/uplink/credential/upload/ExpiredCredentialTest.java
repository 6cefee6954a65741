package io.uplink.credential.upload;

import io.uplink.credential.ServiceApi;
import io.uplink.credential.policy.UploadPolicyDecider;
import io.uplink.credential.signing.PresignedPutSigner;
import io.uplink.testsupport.S3Endpoint;
import io.uplink.testsupport.SharedInfrastructure;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.UplinkInfrastructure;
import io.uplink.testsupport.identity.TestIdentityKeys;
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
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A presigned PUT URL used after its expiry: the store itself refuses it. The service signs every URL with the
 * shortest life a tenant may get ({@link UploadPolicyDecider#MIN_TTL}, a minute) in its {@code X-Amz-Expires}; the
 * store's refusal past that is shown on a URL of the same signer with a life of one second, so the test waits
 * seconds, not a minute.
 */
@UplinkInfrastructure({Infra.S3, Infra.KAFKA, Infra.POSTGRES})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        TestIdentityKeys.TRUSTED_KEYS_PROPERTY, TestIdentityKeys.CREDENTIAL_PRIVATE_KEY_PROPERTY,
        "uplink.credential.tenants.defaults.credential-ttl-seconds=1"})
class ExpiredCredentialTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void aMintedUrlCarriesTheShortestLifeATenantMayGetAndWorksWithinIt() throws Exception {
        JsonNode granted = grant("exp-" + UUID.randomUUID().toString().substring(0, 8));
        Map<String, String> query = query(granted.get("url").asString());
        Instant signedAt = Instant.from(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX").parse(query.get("X-Amz-Date")));
        Instant expiresAt = Instant.parse(granted.get("expiresAt").asString());

        assertThat(query.get("X-Amz-Expires")).isEqualTo(String.valueOf(UploadPolicyDecider.MIN_TTL.toSeconds()));
        assertThat(Duration.between(signedAt, expiresAt).abs()).as("expiresAt is when the store stops accepting it")
                .isLessThanOrEqualTo(UploadPolicyDecider.MIN_TTL.plusSeconds(1));
        assertThat(put(granted.get("url").asString(), headers(granted)).statusCode()).isEqualTo(200);
    }

    @Test
    void storeRefusesAPresignedPutOfTheServicesSignerAfterItsExpiryAndStoresNothing() throws Exception {
        S3Endpoint s3 = SharedInfrastructure.s3();
        PresignedPutSigner signer = new PresignedPutSigner(s3.accessKey(), s3.secretKey(), s3.region(), s3.endpoint(),
                s3.bucket(), true);
        String key = "tenants/exp/" + UUID.randomUUID() + "/late.bin";
        PresignedPutSigner.Signed late = signer.presign(key, "application/octet-stream", 4L, null, Map.of(),
                Duration.ofSeconds(1));

        // Past the expiry by more than the second the URL's X-Amz-Date is rounded to.
        Thread.sleep(2_500);
        HttpResponse<String> refused = put(late.url(), late.headers());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        try (S3Client storage = StorageClient.admin()) {
            assertThatThrownBy(() -> storage.headObject(r -> r.bucket(s3.bucket()).key(key)))
                    .isInstanceOf(NoSuchKeyException.class);
        }
    }

    private static Map<String, String> query(String url) {
        Map<String, String> query = new java.util.HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            query.put(pair.substring(0, equals), java.net.URLDecoder.decode(pair.substring(equals + 1),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        return query;
    }

    private static Map<String, String> headers(JsonNode grant) {
        Map<String, String> headers = new java.util.HashMap<>();
        grant.get("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asString()));
        return headers;
    }

    private JsonNode grant(String tenant) {
        ServiceApi.Response response = new ServiceApi(port).post(tenant, "/api/v1/uploads",
                Map.of("filename", "late.bin", "contentType", "application/octet-stream", "size", 4, "method", "PUT"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    /** Sends the URL with the headers it was signed with (Host and Content-Length come from the client). */
    private static HttpResponse<String> put(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofString("late"));
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("host")) {
                put.header(name, value);
            }
        });
        return CLIENT.send(put.build(), HttpResponse.BodyHandlers.ofString());
    }
}
