package io.uplink.credential.uppy;

import io.uplink.contracts.UploadCompleted;
import io.uplink.contracts.UploadSource;
import io.uplink.credential.ServiceApi;
import io.uplink.credential.reconcile.UploadReconciler;
import io.uplink.credential.upload.StorageClient;
import io.uplink.credential.upload.UploadCompletedConsumer;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.UplinkInfrastructure;
import io.uplink.testsupport.identity.TestIdentityKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import static io.uplink.credential.uppy.UppySignRequestClient.request;
import static io.uplink.credential.uppy.UppySignRequestClient.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/s3/sign} driven the way Uppy 6's {@code signRequest} mode drives it: every S3 call is made
 * by the "browser" against S3Proxy with the signed URL, and completions arrive on the real Kafka topic.
 */
@UplinkInfrastructure({Infra.S3, Infra.KAFKA, Infra.POSTGRES})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestIdentityKeys.TRUSTED_KEYS_PROPERTY, TestIdentityKeys.CREDENTIAL_PRIVATE_KEY_PROPERTY})
class SignRequestEndpointTest {

    private static final int MIB = 1024 * 1024;
    private static S3Client storage;

    @LocalServerPort
    int port;

    @Autowired
    UploadReconciler reconciler;

    @BeforeAll
    static void connect() {
        storage = StorageClient.admin();
    }

    @AfterAll
    static void disconnect() {
        storage.close();
    }

    private static String tenant() {
        return "sign-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String uppyKey(String filename) {
        return UUID.randomUUID() + "-" + filename;
    }

    private HeadObjectResponse head(String key) {
        return storage.headObject(r -> r.bucket("uplink-uploads").key(key));
    }

    @Test
    void singlePutGoesToAServerAssignedKeyAndTheReconcilerPublishesIt() {
        String tenant = tenant();
        UppySignRequestClient uppy = new UppySignRequestClient(port, tenant);
        JsonNode signed = uppy.sign(request("method", "PUT", "key", uppyKey("holiday photo.png"), "expiresIn", 900,
                "aFieldALaterUppyMightAdd", true));

        String key = signed.get("key").asString();
        assertThat(key).startsWith("tenants/" + tenant + "/").endsWith("-holiday_photo.png");
        assertThat(signed.get("operation").asString()).isEqualTo("PutObject");
        HttpResponse<String> stored = send("PUT", signed.get("url").asString(), "image/png", new byte[700]);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        assertThat(head(key).contentLength()).isEqualTo(700);

        try (UploadCompletedConsumer consumer = new UploadCompletedConsumer()) {
            reconciler.reconcile(Instant.now().plus(Duration.ofMinutes(5)));

            UploadCompleted event = UploadCompletedConsumer.event(consumer.awaitKey(tenant + "/" + key));
            assertThat(event.size()).isEqualTo(700);
            assertThat(event.contentType()).isEqualTo("image/png");
            assertThat(event.source()).isEqualTo(UploadSource.RECONCILER);
            assertThat(event.originalFilename()).endsWith("holiday photo.png");
        }
    }

    @Test
    void putWithADeclaredTypeAndSizeSignsBothSoTheStoreRefusesAnyOther() {
        UppySignRequestClient uppy = new UppySignRequestClient(port, tenant());
        JsonNode signed = uppy.sign(request("method", "PUT", "key", uppyKey("a.pdf"),
                "contentType", "application/pdf", "size", 10));
        String url = signed.get("url").asString();

        assertThat(signed.get("headers").get("content-type").asString()).isEqualTo("application/pdf");
        assertThat(send("PUT", url, "text/html", new byte[10]).statusCode()).isEqualTo(403);
        assertThat(send("PUT", url, "application/pdf", new byte[11]).statusCode()).isEqualTo(403);
        assertThat(send("PUT", url, "application/pdf", new byte[10]).statusCode()).isEqualTo(200);
    }

    @Test
    void postFormUploadCarriesTheServerAssignedKeyInItsFields() {
        String tenant = tenant();
        JsonNode signed = new UppySignRequestClient(port, tenant).sign(request("method", "POST",
                "key", uppyKey("scan.png"), "operation", "PostObject", "contentType", "image/png"));
        JsonNode fields = signed.get("fields");
        String key = fields.get("key").asString();
        assertThat(key).isEqualTo(signed.get("key").asString()).startsWith("tenants/" + tenant + "/");

        String boundary = "uppy" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.properties().forEach(field -> body.writeBytes(("--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                + field.getValue().asString() + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[300]);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> stored = send("POST", signed.get("url").asString(),
                "multipart/form-data; boundary=" + boundary, body.toByteArray());

        assertThat(stored.statusCode()).as(stored.body()).isBetween(200, 204);
        assertThat(head(key).contentLength()).isEqualTo(300);
    }

    @Test
    void multipartUploadCreatedListedAndCompletedInTheStoreIsPublished() {
        String tenant = tenant();
        UppySignRequestClient uppy = new UppySignRequestClient(port, tenant);
        String clientKey = uppyKey("clip.mp4");
        JsonNode create = uppy.sign(request("method", "POST", "key", clientKey));
        String key = create.get("key").asString();
        assertThat(create.get("operation").asString()).isEqualTo("CreateMultipartUpload");
        assertThat(key).startsWith("tenants/" + tenant + "/");
        String uploadId = uppy.createMultipartUpload(create.get("url").asString(), "video/mp4");

        byte[] first = new byte[5 * MIB];
        Arrays.fill(first, (byte) 7);
        byte[] second = new byte[5 * MIB];
        byte[] third = "tail".getBytes(StandardCharsets.UTF_8);
        // Older Uppy keeps naming the upload by its own key; newer Uppy adopts the key the signer returned.
        String etag1 = uppy.uploadPart(clientKey, uploadId, 1, first);
        String etag2 = uppy.uploadPart(key, uploadId, 2, second);
        String etag3 = uppy.uploadPart(clientKey, uploadId, 3, third);

        JsonNode list = uppy.sign(request("method", "GET", "key", clientKey, "uploadId", uploadId));
        assertThat(list.get("operation").asString()).isEqualTo("ListParts");
        HttpResponse<String> parts = send("GET", list.get("url").asString(), null, null);
        assertThat(parts.statusCode()).as(parts.body()).isEqualTo(200);
        assertThat(parts.body()).contains("<PartNumber>1</PartNumber>", "<PartNumber>2</PartNumber>",
                "<PartNumber>3</PartNumber>");

        JsonNode complete = uppy.sign(request("method", "POST", "key", key, "uploadId", uploadId));
        assertThat(complete.get("operation").asString()).isEqualTo("CompleteMultipartUpload");
        String xml = "<CompleteMultipartUpload>" + part(1, etag1) + part(2, etag2) + part(3, etag3)
                + "</CompleteMultipartUpload>";
        HttpResponse<String> completed = send("POST", complete.get("url").asString(), "application/xml",
                xml.getBytes(StandardCharsets.UTF_8));
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
        assertThat(completed.body()).contains("CompleteMultipartUploadResult");
        long size = first.length + second.length + third.length;
        assertThat(head(key).contentLength()).isEqualTo(size);

        try (UploadCompletedConsumer consumer = new UploadCompletedConsumer()) {
            reconciler.reconcile(Instant.now().plus(Duration.ofMinutes(5)));

            UploadCompleted event = UploadCompletedConsumer.event(consumer.awaitKey(tenant + "/" + key));
            assertThat(event.size()).isEqualTo(size);
            assertThat(event.contentType()).isEqualTo("video/mp4");
            assertThat(event.source()).isEqualTo(UploadSource.RECONCILER);
        }
    }

    @Test
    void abortSignedForTheSessionRemovesTheUploadFromTheStore() {
        UppySignRequestClient uppy = new UppySignRequestClient(port, tenant());
        String clientKey = uppyKey("big.iso");
        JsonNode create = uppy.sign(request("method", "POST", "key", clientKey));
        String key = create.get("key").asString();
        String uploadId = uppy.createMultipartUpload(create.get("url").asString(), "application/octet-stream");
        uppy.uploadPart(clientKey, uploadId, 1, new byte[1024]);

        JsonNode abort = uppy.sign(request("method", "DELETE", "key", clientKey, "uploadId", uploadId));
        assertThat(abort.get("operation").asString()).isEqualTo("AbortMultipartUpload");
        HttpResponse<String> aborted = send("DELETE", abort.get("url").asString(), null, null);

        assertThat(aborted.statusCode()).as(aborted.body()).isEqualTo(204);
        assertThat(storage.listMultipartUploads(r -> r.bucket("uplink-uploads").prefix(key)).uploads()).isEmpty();
    }

    @Test
    void anAbandonedMultipartUploadIsAbortedInTheStoreEvenIfUppyNeverNamedItsUploadId() {
        UppySignRequestClient uppy = new UppySignRequestClient(port, tenant());
        JsonNode create = uppy.sign(request("method", "POST", "key", uppyKey("gone.bin")));
        String key = create.get("key").asString();
        uppy.createMultipartUpload(create.get("url").asString(), "application/octet-stream");
        assertThat(storage.listMultipartUploads(r -> r.bucket("uplink-uploads").prefix(key)).uploads()).hasSize(1);

        reconciler.reconcile(Instant.now().plus(Duration.ofDays(8)));

        assertThat(storage.listMultipartUploads(r -> r.bucket("uplink-uploads").prefix(key)).uploads()).isEmpty();
    }

    @Test
    void refusesAKeyInsideAnotherTenantsPrefix() {
        UppySignRequestClient uppy = new UppySignRequestClient(port, tenant());
        ServiceApi.Response part = uppy.signRaw(request("method", "PUT", "key", "tenants/victim/2026/01/01/x/a.bin",
                "uploadId", "abc", "partNumber", 1));
        ServiceApi.Response put = uppy.signRaw(request("method", "PUT", "key", "tenants/victim/a.bin"));

        assertThat(part.status()).isEqualTo(403);
        assertThat(part.contentType()).startsWith("application/problem+json");
        assertThat(part.json().get("errors").get(0).get("field").asString()).isEqualTo("key");
        assertThat(part.body()).doesNotContain("X-Amz-Signature");
        assertThat(put.status()).isEqualTo(403);
    }

    @Test
    void refusesAKeyThatNamesNoSessionOfTheCallersTenant() {
        String victim = tenant();
        UppySignRequestClient victimUppy = new UppySignRequestClient(port, victim);
        String clientKey = uppyKey("secret.mov");
        JsonNode create = victimUppy.sign(request("method", "POST", "key", clientKey));
        String uploadId = victimUppy.createMultipartUpload(create.get("url").asString(), "video/quicktime");
        UppySignRequestClient intruder = new UppySignRequestClient(port, tenant());

        ServiceApi.Response madeUp = victimUppy.signRaw(request("method", "GET",
                "key", "tenants/" + victim + "/2026/01/01/" + UUID.randomUUID() + "/x.mov", "uploadId", uploadId));
        ServiceApi.Response unknownClientKey = victimUppy.signRaw(request("method", "GET",
                "key", uppyKey("secret.mov"), "uploadId", uploadId));
        ServiceApi.Response otherTenantsClientKey = intruder.signRaw(request("method", "PUT", "key", clientKey,
                "uploadId", uploadId, "partNumber", 1));

        assertThat(madeUp.status()).isEqualTo(404);
        assertThat(unknownClientKey.status()).isEqualTo(404);
        assertThat(otherTenantsClientKey.status()).isEqualTo(404);
        assertThat(otherTenantsClientKey.contentType()).startsWith("application/problem+json");
        assertThat(otherTenantsClientKey.body()).doesNotContain("X-Amz-Signature").doesNotContain(create.get("key").asString());
    }

    @Test
    void refusesAnUploadIdThatBelongsToAnotherKey() {
        UppySignRequestClient uppy = new UppySignRequestClient(port, tenant());
        String firstKey = uppyKey("one.bin");
        String secondKey = uppyKey("two.bin");
        JsonNode first = uppy.sign(request("method", "POST", "key", firstKey));
        JsonNode second = uppy.sign(request("method", "POST", "key", secondKey));
        String firstUpload = uppy.createMultipartUpload(first.get("url").asString(), "application/octet-stream");
        String secondUpload = uppy.createMultipartUpload(second.get("url").asString(), "application/octet-stream");
        uppy.uploadPart(firstKey, firstUpload, 1, new byte[16]);

        ServiceApi.Response boundElsewhere = uppy.signRaw(request("method", "PUT", "key", secondKey,
                "uploadId", firstUpload, "partNumber", 1));
        ServiceApi.Response foreignToBoundSession = uppy.signRaw(request("method", "GET",
                "key", first.get("key").asString(), "uploadId", secondUpload));
        ServiceApi.Response madeUp = uppy.signRaw(request("method", "GET", "key", secondKey, "uploadId", "not-an-upload"));

        assertThat(boundElsewhere.status()).as(boundElsewhere.body()).isEqualTo(404);
        assertThat(foreignToBoundSession.status()).as(foreignToBoundSession.body()).isEqualTo(404);
        assertThat(madeUp.status()).as(madeUp.body()).isEqualTo(404);
        // The second session is still free to bind its own upload.
        uppy.uploadPart(secondKey, secondUpload, 1, new byte[16]);
    }

    @Test
    void theStoreRejectsATamperedSignature() {
        UppySignRequestClient uppy = new UppySignRequestClient(port, tenant());
        String clientKey = uppyKey("t.bin");
        JsonNode create = uppy.sign(request("method", "POST", "key", clientKey));
        String uploadId = uppy.createMultipartUpload(create.get("url").asString(), "application/octet-stream");
        JsonNode part = uppy.sign(request("method", "PUT", "key", clientKey, "uploadId", uploadId, "partNumber", 1));
        JsonNode list = uppy.sign(request("method", "GET", "key", clientKey, "uploadId", uploadId));
        JsonNode put = uppy.sign(request("method", "PUT", "key", uppyKey("t.txt")));

        assertThat(send("PUT", tamper(part.get("url").asString()), null, new byte[8]).statusCode()).isEqualTo(403);
        assertThat(send("GET", tamper(list.get("url").asString()), null, null).statusCode()).isEqualTo(403);
        assertThat(send("PUT", tamper(put.get("url").asString()), "text/plain", new byte[8]).statusCode()).isEqualTo(403);
        assertThat(send("GET", list.get("url").asString(), null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndNeverACredential() {
        UppySignRequestClient uppy = new UppySignRequestClient(port, tenant());
        String key = uppyKey("x.bin");

        assertProblem(uppy.signRaw(request("method", "PATCH", "key", key)), "method");
        assertProblem(uppy.signRaw(request("key", key)), "method");
        assertProblem(uppy.signRaw(request("method", "PUT", "key", key, "operation", "DeleteBucket")), "operation");
        assertProblem(uppy.signRaw(request("method", "PUT", "key", key, "uploadId", "u", "partNumber", 0)), "partNumber");
        assertProblem(uppy.signRaw(request("method", "PUT", "key", key, "uploadId", "u", "partNumber", 10001)), "partNumber");
        assertProblem(uppy.signRaw(request("method", "PUT", "key", key, "uploadId", "u")), "partNumber");
        assertProblem(uppy.signRaw(request("method", "GET", "key", key)), "uploadId");
        assertProblem(uppy.signRaw(request("method", "DELETE", "key", key)), "uploadId");
        assertProblem(uppy.signRaw(request("method", "PUT", "key", "")), "key");
        assertProblem(uppy.signRaw(request("method", "PUT", "key", key, "contentType", "text/html\r\nX: y")), "contentType");
        assertProblem(uppy.signRaw("{\"method\": \"PUT\", \"key\": "), "body");
        assertProblem(uppy.signRaw("{\"method\": \"PUT\", \"key\": \"k\", \"partNumber\": \"one\"}"), "body");
    }

    private static void assertProblem(ServiceApi.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(response.body()).doesNotContain("X-Amz-Signature").doesNotContain("\"url\"");
    }

    private static String tamper(String url) {
        int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        char flipped = url.charAt(at) == 'a' ? 'b' : 'a';
        return url.substring(0, at) + flipped + url.substring(at + 1);
    }

    private static String part(int number, String etag) {
        return "<Part><PartNumber>" + number + "</PartNumber><ETag>" + etag + "</ETag></Part>";
    }
}
