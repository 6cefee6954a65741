package io.uplink.credential.download;

import io.uplink.credential.ServiceApi;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.SharedInfrastructure;
import io.uplink.testsupport.UplinkInfrastructure;
import io.uplink.testsupport.identity.TestIdentityKeys;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@UplinkInfrastructure({Infra.S3, Infra.KAFKA, Infra.POSTGRES})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestIdentityKeys.TRUSTED_KEYS_PROPERTY, TestIdentityKeys.CREDENTIAL_PRIVATE_KEY_PROPERTY})
class DownloadTest {

    @LocalServerPort
    int port;

    private static String store(String key, String content) {
        var s3 = SharedInfrastructure.s3();
        try (S3Client client = S3Client.builder().endpointOverride(s3.endpoint()).region(Region.of(s3.region()))
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()))).build()) {
            client.putObject(r -> r.bucket(s3.bucket()).key(key).contentType("text/plain"), RequestBody.fromString(content));
        }
        return key;
    }

    @Test
    void presignsAGetForTheTenantsOwnObject() throws Exception {
        String tenant = "dl-" + UUID.randomUUID().toString().substring(0, 8);
        String key = store("tenants/" + tenant + "/2026/01/01/u1/notes.txt", "hello download");

        ServiceApi.Response grant = new ServiceApi(port).post(tenant, "/api/v1/downloads",
                Map.of("key", key, "ttlSeconds", 60, "contentDisposition", "attachment; filename=\"notes.txt\""));

        assertThat(grant.status()).as(grant.body()).isEqualTo(200);
        HttpResponse<String> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(grant.json().get("url").asString())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("hello download");
    }

    @Test
    void rejectsPresignForAnotherTenantsPrefix() {
        String key = store("tenants/victim/2026/01/01/u1/secret.txt", "not yours");

        ServiceApi.Response response = new ServiceApi(port).post("attacker", "/api/v1/downloads", Map.of("key", key));
        ServiceApi.Response traversal = new ServiceApi(port).post("attacker", "/api/v1/downloads",
                Map.of("key", "tenants/attacker/../victim/2026/01/01/u1/secret.txt"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("rule").asString()).isEqualTo("tenant-prefix");
        assertThat(traversal.status()).isEqualTo(403);
    }

    @Test
    void rejectsTtlAboveTheBound() {
        ServiceApi.Response response = new ServiceApi(port).post("dl-ttl", "/api/v1/downloads",
                Map.of("key", "tenants/dl-ttl/x", "ttlSeconds", 999999));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("ttlSeconds");
    }

    @Test
    void withoutACdnTheGrantIsTheStoresAndCookiesAreRefused() {
        ServiceApi api = new ServiceApi(port);
        ServiceApi.Response grant = api.post("dl-nocdn", "/api/v1/downloads", Map.of("key", "tenants/dl-nocdn/a/b.txt"));
        ServiceApi.Response cookies = api.post("dl-nocdn", "/api/v1/downloads/cookies", Map.of());

        assertThat(grant.json().get("via").asString()).isEqualTo("store");
        assertThat(cookies.status()).isEqualTo(409);
        assertThat(cookies.contentType()).startsWith("application/problem+json");
        assertThat(cookies.json().get("errors").get(0).get("rule").asString()).isEqualTo("cloudfront-cdn");
    }
}
