package io.uplink.credential.upload;

import io.uplink.contracts.UploadCompleted;
import io.uplink.contracts.UploadSource;
import io.uplink.credential.ServiceApi;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PresignedPutUploadTest extends UploadIntegrationTest {

    /** Headers java.net.http sets itself and refuses to take from the caller. */
    private static final Set<String> RESTRICTED = Set.of("content-length", "host");

    private static final HttpClient BROWSER = HttpClient.newHttpClient();

    private String tenant() {
        return "put-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private JsonNode grant(String tenant, String filename, String type, byte[] content, boolean withChecksum) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filename", filename);
        body.put("contentType", type);
        body.put("size", content.length);
        body.put("method", "PUT");
        if (withChecksum) {
            body.put("checksumSha256", sha256(content));
        }
        ServiceApi.Response response = new ServiceApi(port).post(tenant, "/api/v1/uploads", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static int put(JsonNode grant, byte[] content, Map<String, String> overrideHeaders) throws Exception {
        return put(grant.get("url").asString(), grant, content, overrideHeaders);
    }

    private static int put(String url, JsonNode grant, byte[] content, Map<String, String> overrideHeaders)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        Map<String, String> headers = new LinkedHashMap<>();
        grant.get("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
        headers.putAll(overrideHeaders);
        headers.forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                request.header(name, value);
            }
        });
        return BROWSER.send(request.PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void uploadsExactlyTheGrantedObjectAndPublishesItsCompletion() throws Exception {
        String tenant = tenant();
        byte[] content = "the exact bytes".getBytes(StandardCharsets.UTF_8);
        JsonNode grant = grant(tenant, "report ../../etc/passwd.pdf", "application/pdf", content, true);
        String key = grant.get("key").asString();

        assertThat(key).startsWith("tenants/" + tenant + "/").endsWith("/report_._._etc_passwd.pdf");
        assertThat(grant.get("method").asString()).isEqualTo("PUT");
        assertThat(grant.get("headers").get("content-type").asString()).isEqualTo("application/pdf");
        assertThat(grant.get("headers").get("content-length").asString()).isEqualTo(String.valueOf(content.length));
        assertThat(put(grant, content, Map.of())).isEqualTo(200);

        try (UploadCompletedConsumer consumer = new UploadCompletedConsumer()) {
            ServiceApi.Response completed = new ServiceApi(port).post(tenant,
                    "/api/v1/uploads/" + grant.get("uploadId").asString() + "/complete", null);
            assertThat(completed.status()).as(completed.body()).isEqualTo(200);
            assertThat(completed.json().get("size").asLong()).isEqualTo(content.length);

            UploadCompleted event = UploadCompletedConsumer.event(consumer.awaitKey(tenant + "/" + key));
            assertThat(event.tenantId()).isEqualTo(tenant);
            assertThat(event.key()).isEqualTo(key);
            assertThat(event.size()).isEqualTo(content.length);
            assertThat(event.contentType()).isEqualTo("application/pdf");
            assertThat(event.checksumSha256()).isEqualTo(sha256(content));
            assertThat(event.originalFilename()).isEqualTo("report ../../etc/passwd.pdf");
            assertThat(event.source()).isEqualTo(UploadSource.CLIENT_COMPLETE);
        }
        assertThat(storage.getObjectAsBytes(r -> r.bucket("uplink-uploads").key(key)).asByteArray()).isEqualTo(content);
    }

    @Test
    void storeRejectsAnotherSize() throws Exception {
        byte[] content = "twelve bytes".getBytes(StandardCharsets.UTF_8);
        JsonNode grant = grant(tenant(), "a.txt", "text/plain", content, false);

        assertThat(put(grant, "thirteen bytes".getBytes(StandardCharsets.UTF_8), Map.of())).isEqualTo(403);
        assertNothingStoredAt(grant.get("key").asString());
    }

    @Test
    void storeRejectsAnotherContentType() throws Exception {
        byte[] content = "<svg/>".getBytes(StandardCharsets.UTF_8);
        JsonNode grant = grant(tenant(), "a.png", "image/png", content, false);

        assertThat(put(grant, content, Map.of("Content-Type", "image/svg+xml"))).isEqualTo(403);
        assertNothingStoredAt(grant.get("key").asString());
    }

    @Test
    void storeRejectsOtherContentOfTheSameSizeWhenAChecksumWasDeclared() throws Exception {
        byte[] content = "original".getBytes(StandardCharsets.UTF_8);
        JsonNode grant = grant(tenant(), "a.txt", "text/plain", content, true);

        int status = put(grant, "tampered".getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(status).isBetween(400, 403);
        assertNothingStoredAt(grant.get("key").asString());
    }

    @Test
    void storeRejectsATamperedSignature() throws Exception {
        byte[] content = "x".getBytes(StandardCharsets.UTF_8);
        JsonNode grant = grant(tenant(), "a.txt", "text/plain", content, false);
        String url = grant.get("url").asString();
        String tampered = url.replaceAll("X-Amz-Signature=([0-9a-f])", "X-Amz-Signature=" + (url.contains("X-Amz-Signature=0") ? "1" : "0"));

        assertThat(put(tampered, grant, content, Map.of())).isEqualTo(403);
    }

    @Test
    void storeRejectsTheSignatureForAKeyOutsideThePrefix() throws Exception {
        byte[] content = "x".getBytes(StandardCharsets.UTF_8);
        JsonNode grant = grant(tenant(), "a.txt", "text/plain", content, false);
        String url = grant.get("url").asString().replace("/tenants/", "/tenants/other-tenant/");

        assertThat(put(url, grant, content, Map.of())).isEqualTo(403);
    }

    @Test
    void rejectsCompletionOfAnObjectThatDiffersFromTheGrantAndRemovesIt() {
        String tenant = tenant();
        byte[] content = "declared".getBytes(StandardCharsets.UTF_8);
        JsonNode grant = grant(tenant, "a.txt", "text/plain", content, false);
        String key = grant.get("key").asString();
        // A store that does not enforce signed headers would let this through; the completion check must not.
        storage.putObject(r -> r.bucket("uplink-uploads").key(key).contentType("text/plain"),
                RequestBody.fromString("something much longer than declared"));

        ServiceApi.Response response = new ServiceApi(port).post(tenant,
                "/api/v1/uploads/" + grant.get("uploadId").asString() + "/complete", null);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("rule").asString()).isEqualTo("object-mismatch");
        assertNothingStoredAt(key);
        ServiceApi.Response again = new ServiceApi(port).post(tenant,
                "/api/v1/uploads/" + grant.get("uploadId").asString() + "/complete", null);
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void completionRefusesBytesOfAnotherTypeThanDeclaredAndPublishesThemAsRejected() throws Exception {
        String tenant = tenant();
        byte[] executable = new byte[256];
        executable[0] = 'M';
        executable[1] = 'Z';
        executable[0x3c] = 0x40;
        executable[0x40] = 'P';
        executable[0x41] = 'E';
        JsonNode grant = grant(tenant, "cat.png", "image/png", executable, false);
        String key = grant.get("key").asString();
        // the store takes it: the signed headers say nothing of what the bytes are
        assertThat(put(grant, executable, Map.of())).isEqualTo(200);

        try (UploadCompletedConsumer consumer = new UploadCompletedConsumer()) {
            ServiceApi.Response response = new ServiceApi(port).post(tenant,
                    "/api/v1/uploads/" + grant.get("uploadId").asString() + "/complete", null);

            assertThat(response.status()).as(response.body()).isEqualTo(409);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("rule").asString()).isEqualTo("content-mismatch");
            assertThat(response.json().get("detail").asString())
                    .startsWith("the bytes are application/x-msdownload, not the declared image/png");
            UploadCompleted event = UploadCompletedConsumer.event(consumer.awaitKey(tenant + "/" + key));
            assertThat(event.contentRejection())
                    .isEqualTo("the bytes are application/x-msdownload, not the declared image/png");
        }
        // metadata-service quarantines it; until then it stays where it is
        assertThat(storage.getObjectAsBytes(r -> r.bucket("uplink-uploads").key(key)).asByteArray())
                .isEqualTo(executable);
        ServiceApi.Response again = new ServiceApi(port).post(tenant,
                "/api/v1/uploads/" + grant.get("uploadId").asString() + "/complete", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("rule").asString()).isEqualTo("upload-rejected");
    }

    @Test
    void completingBeforeUploadingIsAConflict() {
        String tenant = tenant();
        JsonNode grant = grant(tenant, "a.txt", "text/plain", new byte[3], false);

        ServiceApi.Response response = new ServiceApi(port).post(tenant,
                "/api/v1/uploads/" + grant.get("uploadId").asString() + "/complete", null);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("rule").asString()).isEqualTo("object-missing");
    }

    @Test
    void anotherTenantCannotCompleteOrInspectTheUpload() {
        JsonNode grant = grant(tenant(), "a.txt", "text/plain", new byte[3], false);
        String path = "/api/v1/uploads/" + grant.get("uploadId").asString();

        assertThat(new ServiceApi(port).post("intruder", path + "/complete", null).status()).isEqualTo(404);
        assertThat(new ServiceApi(port).get("intruder", path).status()).isEqualTo(404);
    }

    private static void assertNothingStoredAt(String key) {
        assertThatThrownBy(() -> storage.headObject(r -> r.bucket("uplink-uploads").key(key)))
                .isInstanceOf(NoSuchKeyException.class);
    }

    static String sha256(byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
