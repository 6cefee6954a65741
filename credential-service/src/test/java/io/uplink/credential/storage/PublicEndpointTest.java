package io.uplink.credential.storage;

import io.uplink.credential.ServiceApi;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.SharedInfrastructure;
import io.uplink.testsupport.UplinkInfrastructure;
import io.uplink.testsupport.identity.TestIdentityKeys;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service reaches S3Proxy at {@code 127.0.0.1}; clients are told {@code localhost}: the same store under
 * another host name, as with {@code minio:9000} inside docker-compose and {@code localhost:9000} outside.
 */
@UplinkInfrastructure({Infra.S3, Infra.KAFKA, Infra.POSTGRES})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestIdentityKeys.TRUSTED_KEYS_PROPERTY, TestIdentityKeys.CREDENTIAL_PRIVATE_KEY_PROPERTY})
class PublicEndpointTest {

    private static final HttpClient BROWSER = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void publicEndpoint(DynamicPropertyRegistry registry) {
        registry.add("uplink.credential.storage.public-endpoint", PublicEndpointTest::publicHost);
    }

    private static String publicHost() {
        URI internal = SharedInfrastructure.s3().endpoint();
        return "http://localhost:" + internal.getPort();
    }

    @Test
    void presignsPutUrlsForThePublicHostAndTheyStillUpload() throws Exception {
        String tenant = "pub-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] content = "signed for localhost".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filename", "a.txt");
        body.put("contentType", "text/plain");
        body.put("size", content.length);
        body.put("method", "PUT");
        ServiceApi api = new ServiceApi(port);
        ServiceApi.Response minted = api.post(tenant, "/api/v1/uploads", body);
        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        JsonNode grant = minted.json();
        URI url = URI.create(grant.get("url").asString());
        assertThat(url.getHost()).isEqualTo("localhost");
        assertThat(SharedInfrastructure.s3().endpoint().getHost()).isEqualTo("127.0.0.1");

        int stored = BROWSER.send(HttpRequest.newBuilder(url).header("content-type", "text/plain")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        assertThat(stored).isEqualTo(200);

        ServiceApi.Response completed = api.post(tenant,
                "/api/v1/uploads/" + grant.get("uploadId").asString() + "/complete", null);
        assertThat(completed.status()).as("the service verifies through its own endpoint: " + completed.body())
                .isEqualTo(200);
    }

    @Test
    void postFormsTargetThePublicBucketUrl() {
        String tenant = "pub-" + UUID.randomUUID().toString().substring(0, 8);
        ServiceApi.Response minted = new ServiceApi(port).post(tenant, "/api/v1/uploads",
                Map.of("filename", "a.txt", "contentType", "text/plain", "size", 5, "method", "POST"));
        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        assertThat(minted.json().get("url").asString()).isEqualTo(publicHost() + "/" + SharedInfrastructure.BUCKET);
    }
}
