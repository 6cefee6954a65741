package io.uplink.credential.download;

import io.uplink.credential.ServiceApi;
import io.uplink.credential.cdn.CdnTestKeys;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.SharedInfrastructure;
import io.uplink.testsupport.UplinkInfrastructure;
import io.uplink.testsupport.identity.TestIdentityKeys;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service whose default store sits behind CloudFront: download grants are CloudFront URLs that verify against the
 * distribution's public key; a grant asking for a Content-Disposition comes from the store and downloads; signed
 * cookies cover a prefix of the tenant's own objects and nothing outside it.
 */
@UplinkInfrastructure({Infra.S3, Infra.KAFKA, Infra.POSTGRES})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestIdentityKeys.TRUSTED_KEYS_PROPERTY, TestIdentityKeys.CREDENTIAL_PRIVATE_KEY_PROPERTY,
                "uplink.credential.storage.cdn.kind=cloudfront",
                "uplink.credential.storage.cdn.base-url=https://d111111abcdef8.cloudfront.net",
                "uplink.credential.storage.cdn.key-pair-id=K2JCJMDEHXQW5F"})
class CdnDownloadTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void cdnKey(DynamicPropertyRegistry registry) {
        registry.add("uplink.credential.storage.cdn.private-key", CdnTestKeys::pkcs8Pem);
    }

    @Test
    void aDownloadIsACloudFrontUrlSignedForExactlyThatObject() throws Exception {
        String tenant = "cdn-" + UUID.randomUUID().toString().substring(0, 8);
        String key = "tenants/" + tenant + "/2026/01/01/u1/photo.jpg";

        ServiceApi.Response grant = new ServiceApi(port).post(tenant, "/api/v1/downloads",
                Map.of("key", key, "ttlSeconds", 120));

        assertThat(grant.status()).as(grant.body()).isEqualTo(200);
        assertThat(grant.json().path("via").asString()).isEqualTo("cdn");
        URI url = URI.create(grant.json().path("url").asString());
        Instant expiresAt = Instant.parse(grant.json().path("expiresAt").asString());
        String resource = "https://d111111abcdef8.cloudfront.net/" + key;
        assertThat(url.toString()).startsWith(resource + "?");
        assertThat(CdnTestKeys.cloudFrontAccepts(url, resource, expiresAt)).isTrue();
    }

    @Test
    void aDownloadThatNamesItsContentDispositionComesFromTheStore() throws Exception {
        String tenant = "cdn-" + UUID.randomUUID().toString().substring(0, 8);
        String key = "tenants/" + tenant + "/2026/01/01/u1/notes.txt";
        var s3 = SharedInfrastructure.s3();
        try (S3Client client = S3Client.builder().endpointOverride(s3.endpoint()).region(Region.of(s3.region()))
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()))).build()) {
            client.putObject(r -> r.bucket(s3.bucket()).key(key), RequestBody.fromString("from the store"));
        }

        ServiceApi.Response grant = new ServiceApi(port).post(tenant, "/api/v1/downloads",
                Map.of("key", key, "contentDisposition", "attachment; filename=\"notes.txt\""));

        assertThat(grant.json().path("via").asString()).isEqualTo("store");
        HttpResponse<String> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(grant.json().path("url").asString())).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("from the store");
        assertThat(download.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"notes.txt\"");
    }

    @Test
    void signedCookiesCoverAPrefixOfTheTenantsOwnObjects() throws Exception {
        String tenant = "cdn-" + UUID.randomUUID().toString().substring(0, 8);
        ServiceApi api = new ServiceApi(port);

        ServiceApi.Response whole = api.post(tenant, "/api/v1/downloads/cookies", Map.of());
        ServiceApi.Response day = api.post(tenant, "/api/v1/downloads/cookies",
                Map.of("prefix", "tenants/" + tenant + "/2026/01/", "ttlSeconds", 3600));
        ServiceApi.Response foreign = api.post(tenant, "/api/v1/downloads/cookies", Map.of("prefix", "tenants/other/"));
        ServiceApi.Response wildcard = api.post(tenant, "/api/v1/downloads/cookies",
                Map.of("prefix", "tenants/" + tenant + "/*/"));

        assertThat(whole.status()).as(whole.body()).isEqualTo(200);
        assertThat(whole.json().path("resources").asString())
                .isEqualTo("https://d111111abcdef8.cloudfront.net/tenants/" + tenant + "/*");
        assertThat(day.json().path("resources").asString())
                .isEqualTo("https://d111111abcdef8.cloudfront.net/tenants/" + tenant + "/2026/01/*");
        assertThat(CdnTestKeys.cloudFrontAcceptsCookies(day.json().path("cookies").path("CloudFront-Policy").asString(),
                day.json().path("cookies").path("CloudFront-Signature").asString())).isTrue();
        for (ServiceApi.Response refused : new ServiceApi.Response[] {foreign, wildcard}) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("prefix");
        }
    }
}
