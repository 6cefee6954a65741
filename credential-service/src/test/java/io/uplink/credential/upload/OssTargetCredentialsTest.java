package io.uplink.credential.upload;

import io.uplink.contracts.EventJson;
import io.uplink.credential.policy.UploadIntent;
import io.uplink.credential.policy.UploadMethod;
import io.uplink.credential.policy.UploadPolicy;
import io.uplink.credential.policy.UploadPolicyDecider;
import io.uplink.credential.storage.StorageClientProperties;
import io.uplink.credential.storage.StorageKind;
import io.uplink.credential.storage.StorageProperties;
import io.uplink.credential.storage.StorageTargetProperties;
import io.uplink.credential.storage.StorageTargets;
import io.uplink.credential.tenant.TenantSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials for an OSS target carry OSS's upload callback, signed in (PUT: the {@code x-oss-callback} header is
 * in {@code X-Amz-SignedHeaders}; POST: the {@code callback} field is a policy condition), so that neither can be
 * dropped or swapped without breaking the signature. Other targets carry nothing OSS-specific.
 */
class OssTargetCredentialsTest {

    private static final URI CALLBACK = URI.create("https://uplink.example.com/api/v1/oss/callback");
    private static final StorageTargets TARGETS = StorageTargets.from(new StorageProperties(
            URI.create("http://127.0.0.1:9000"), "us-east-1", "default-access", "default-secret", "uplink-uploads",
            true, null, StorageKind.GENERIC, CALLBACK, Map.of(
                    "oss-eu", oss(CALLBACK),
                    "oss-quiet", oss(null)), null),
            new StorageClientProperties(4, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2), 1,
                    Duration.ofMillis(10), Duration.ofMillis(10)));

    private final UploadCredentials credentials = new UploadCredentials();

    private static StorageTargetProperties oss(URI callback) {
        return new StorageTargetProperties(URI.create("https://oss-eu-central-1.aliyuncs.com"), "oss-eu-central-1",
                "LTAI-oss-access", "oss-secret", "acme-eu", null, null, StorageKind.OSS, callback, null, null, null);
    }

    @AfterAll
    static void close() {
        TARGETS.destroy();
    }

    private static UploadPolicy policy(UploadMethod method, String bucket) {
        return new UploadPolicyDecider(64L << 20).decide("acme", new TenantSettings(1 << 20, List.of("*/*"), 900,
                        "oss-eu"), bucket, new UploadIntent("report.pdf", "application/pdf", 1234L, null, null, method),
                UUID.randomUUID(), Instant.parse("2026-11-25T12:00:00Z"));
    }

    private static Map<String, String> query(String url) {
        Map<String, String> query = new java.util.LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] nameValue = pair.split("=", 2);
            query.put(nameValue[0], URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    private static JsonNode decode(String base64) {
        return EventJson.mapper().readTree(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
    }

    @Test
    void presignedPutSignsTheCallbackHeader() {
        UploadGrant grant = credentials.presignedPut(policy(UploadMethod.PUT, "acme-eu"), TARGETS.named("oss-eu"));

        assertThat(query(grant.url()).get("X-Amz-SignedHeaders").split(";")).contains("x-oss-callback",
                "content-type", "content-length");
        assertThat(URI.create(grant.url()).getHost()).isEqualTo("acme-eu.oss-eu-central-1.aliyuncs.com");
        JsonNode callback = decode(grant.headers().get(OssUploadCallback.HEADER));
        assertThat(callback.get("callbackUrl").asString()).isEqualTo(CALLBACK.toString());
        assertThat(callback.get("callbackBodyType").asString()).isEqualTo("application/json");
        assertThat(callback.get("callbackBody").asString())
                .isEqualTo("{\"bucket\":${bucket},\"object\":${object},\"size\":${size},\"mimeType\":${mimeType},\"etag\":${etag}}");
    }

    @Test
    void postFormCarriesTheCallbackFieldAndThePolicyPinsIt() {
        UploadGrant grant = credentials.postForm(policy(UploadMethod.POST, "acme-eu"), TARGETS.named("oss-eu"));

        String callback = grant.fields().get(OssUploadCallback.FORM_FIELD);
        assertThat(decode(callback).get("callbackUrl").asString()).isEqualTo(CALLBACK.toString());
        JsonNode policy = decode(grant.fields().get("policy"));
        assertThat(policy.get("conditions").valueStream()
                .filter(c -> c.isObject() && c.has("callback"))
                .map(c -> c.get("callback").asString())).containsExactly(callback);
        assertThat(grant.fields().get("x-amz-credential")).startsWith("LTAI-oss-access/20261125/oss-eu-central-1/s3/");
        assertThat(grant.url()).isEqualTo("https://acme-eu.oss-eu-central-1.aliyuncs.com/");
    }

    @Test
    void noCallbackWithoutAConfiguredUrlOrOnOtherKindsOfStore() {
        UploadGrant quiet = credentials.presignedPut(policy(UploadMethod.PUT, "acme-eu"), TARGETS.named("oss-quiet"));
        assertThat(quiet.headers()).doesNotContainKey(OssUploadCallback.HEADER);
        assertThat(query(quiet.url()).get("X-Amz-SignedHeaders")).doesNotContain("x-oss-callback");

        // The default target has a callback URL configured but is not OSS: S3 stores would reject or ignore it.
        UploadGrant put = credentials.presignedPut(policy(UploadMethod.PUT, "uplink-uploads"), TARGETS.named("default"));
        UploadGrant post = credentials.postForm(policy(UploadMethod.POST, "uplink-uploads"), TARGETS.named("default"));
        assertThat(put.headers()).doesNotContainKey(OssUploadCallback.HEADER);
        assertThat(post.fields()).doesNotContainKey(OssUploadCallback.FORM_FIELD);
        assertThat(decode(post.fields().get("policy")).toString()).doesNotContain("callback");
    }
}
