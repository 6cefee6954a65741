package io.uplink.credential.upload;

import io.uplink.contracts.EventJson;
import io.uplink.credential.ServiceApi;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Browser-style form uploads (multipart/form-data) against S3Proxy, which checks POST-policy conditions. */
class PostPolicyUploadTest extends UploadIntegrationTest {

    private static final HttpClient BROWSER = HttpClient.newHttpClient();

    private JsonNode grant(String tenant, String type, int size) {
        ServiceApi.Response response = new ServiceApi(port).post(tenant, "/api/v1/uploads",
                Map.of("filename", "photo.jpg", "contentType", type, "size", size, "method", "POST"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static HttpResponse<String> submitForm(JsonNode grant, Map<String, String> overrides, byte[] file)
            throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        grant.get("fields").properties().forEach(e -> fields.put(e.getKey(), e.getValue().asString()));
        fields.putAll(overrides);
        String boundary = "----uplink" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\""
                + "\r\nContent-Type: " + fields.get("Content-Type") + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(grant.get("url").asString()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return BROWSER.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void browserFormUploadIsAcceptedAndCompletes() throws Exception {
        String tenant = "post-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] file = new byte[1234];
        JsonNode grant = grant(tenant, "image/jpeg", file.length);

        HttpResponse<String> response = submitForm(grant, Map.of(), file);

        assertThat(response.statusCode()).as(response.body()).isBetween(200, 204);
        String key = grant.get("key").asString();
        assertThat(storage.headObject(r -> r.bucket("uplink-uploads").key(key)).contentLength()).isEqualTo(1234);
        ServiceApi.Response completed = new ServiceApi(port).post(tenant,
                "/api/v1/uploads/" + grant.get("uploadId").asString() + "/complete", null);
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
    }

    @Test
    void storeRejectsAFileLargerThanTheContentLengthRange() throws Exception {
        JsonNode grant = grant("post-" + UUID.randomUUID().toString().substring(0, 8), "image/jpeg", 100);

        HttpResponse<String> response = submitForm(grant, Map.of(), new byte[101]);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("EntityTooLarge");
        assertNothingStoredAt(grant.get("key").asString());
    }

    @Test
    void storeRejectsAnotherKeyOrContentTypeThanThePolicyNames() throws Exception {
        JsonNode grant = grant("post-" + UUID.randomUUID().toString().substring(0, 8), "image/jpeg", 10);
        String otherKey = "tenants/someone-else/x.jpg";

        HttpResponse<String> wrongKey = submitForm(grant, Map.of("key", otherKey), new byte[10]);
        HttpResponse<String> wrongType = submitForm(grant, Map.of("Content-Type", "text/html"), new byte[10]);

        assertThat(wrongKey.statusCode()).isEqualTo(403);
        assertThat(wrongType.statusCode()).isEqualTo(403);
        assertNothingStoredAt(otherKey);
        assertNothingStoredAt(grant.get("key").asString());
    }

    @Test
    void otherBytesThanTheDeclaredChecksumAreRejectedAtCompletionAndRemoved() throws Exception {
        String tenant = "post-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] declared = "the declared file".getBytes(StandardCharsets.UTF_8);
        byte[] other = "another same-size".getBytes(StandardCharsets.UTF_8);
        ServiceApi.Response granted = new ServiceApi(port).post(tenant, "/api/v1/uploads",
                Map.of("filename", "doc.bin", "contentType", "application/octet-stream", "size", declared.length,
                        "method", "POST", "checksumSha256", sha256(declared)));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        JsonNode grant = granted.json();

        // A POST form carries no checksum header the store could check, so the store takes the other bytes.
        HttpResponse<String> response = submitForm(grant, Map.of(), other);
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 204);

        ServiceApi.Response completed = new ServiceApi(port).post(tenant,
                "/api/v1/uploads/" + grant.get("uploadId").asString() + "/complete", null);
        assertThat(completed.status()).as(completed.body()).isEqualTo(409);
        assertThat(completed.json().get("rule").asString()).isEqualTo("object-mismatch");
        assertNothingStoredAt(grant.get("key").asString());
    }

    @Test
    void theDeclaredBytesPassTheChecksumCheckAtCompletion() throws Exception {
        String tenant = "post-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] declared = "the declared file".getBytes(StandardCharsets.UTF_8);
        JsonNode grant = new ServiceApi(port).post(tenant, "/api/v1/uploads",
                Map.of("filename", "doc.bin", "contentType", "application/octet-stream", "size", declared.length,
                        "method", "POST", "checksumSha256", sha256(declared))).json();

        assertThat(submitForm(grant, Map.of(), declared).statusCode()).isBetween(200, 204);

        ServiceApi.Response completed = new ServiceApi(port).post(tenant,
                "/api/v1/uploads/" + grant.get("uploadId").asString() + "/complete", null);
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
    }

    private static String sha256(byte[] content) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(content));
    }

    @Test
    void policyDocumentCarriesEveryRule() {
        JsonNode grant = grant("post-" + UUID.randomUUID().toString().substring(0, 8), "image/png", 77);

        JsonNode policy = EventJson.mapper().readTree(Base64.getDecoder().decode(grant.get("fields").get("policy").asString()));

        String conditions = policy.get("conditions").toString();
        assertThat(conditions).contains("{\"bucket\":\"uplink-uploads\"}",
                "[\"eq\",\"$key\",\"" + grant.get("key").asString() + "\"]",
                "[\"eq\",\"$Content-Type\",\"image/png\"]", "[\"content-length-range\",77,77]");
        assertThat(policy.get("expiration").asString()).isEqualTo(
                grant.get("expiresAt").asString().replaceAll("(\\.\\d{3})\\d*Z$", "$1Z").replaceAll(":(\\d{2})Z$", ":$1.000Z"));
    }

    private static void assertNothingStoredAt(String key) {
        assertThatThrownBy(() -> storage.headObject(r -> r.bucket("uplink-uploads").key(key)))
                .isInstanceOf(NoSuchKeyException.class);
    }
}
