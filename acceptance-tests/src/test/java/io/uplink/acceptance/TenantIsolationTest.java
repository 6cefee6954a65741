package io.uplink.acceptance;

import io.uplink.localstack.LocalStack;
import io.uplink.localstack.webhook.DemoWebhookReceiver.VerifiedDelivery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two tenants on the same suite, both onboarded by an admin through the gateway, each with its own API key and its own
 * webhook backend. The first one uploads; the second, using everything the first one's ids and keys would tell it,
 * gets nothing: no listing, no file, no download, no hold on the first one's upload sessions, no write into the first
 * one's prefix, no webhook.
 */
class TenantIsolationTest {

    private static final long TWO_PARTS = 12L * 1024 * 1024;

    private static LocalStack suite;
    private static PlatformAdmin admin;
    private static TenantBackend first;
    private static TenantBackend second;
    private static final ObjectStore STORE = new ObjectStore();

    /** The first tenant's completed small upload: its key, file id, bytes and upload id. */
    private static String firstKey;
    private static String firstFileId;
    private static byte[] firstContent;
    private static String firstUploadId;
    /** The first tenant's multipart upload, left pending with part 1 stored. */
    private static String pendingUploadId;

    @BeforeAll
    static void theFirstTenantUploadsAFileAndLeavesAMultipartUploadPending() {
        suite = RunningSuite.get();
        admin = new PlatformAdmin(suite.gatewayUrl(), RunningSuite.identityProvider());
        first = TenantBackend.onboard(suite.gatewayUrl(), admin, "first");
        second = TenantBackend.onboard(suite.gatewayUrl(), admin, "second");

        firstContent = ("confidential " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        Gateway.Answer minted = first.gateway().post("/api/v1/uploads",
                Map.of("filename", "contract.txt", "contentType", "text/plain", "size", firstContent.length));
        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        JsonNode grant = minted.json();
        firstKey = grant.path("key").asString();
        firstUploadId = grant.path("uploadId").asString();
        assertThat(STORE.put(grant.path("url").asString(), grant.path("headers"), new ByteArrayInputStream(firstContent),
                firstContent.length).isSuccess()).isTrue();
        Gateway.Answer completed = first.gateway().post("/api/v1/uploads/" + firstUploadId + "/complete");
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        JsonNode file = Announcements.recordedExactlyOnce(admin, first, firstKey);
        firstFileId = file.path("fileId").asString();
        Announcements.announcedExactlyOnce(first, file);

        Gateway.Answer multipart = first.gateway().post("/api/v1/uploads", Map.of("filename", "archive.bin",
                "contentType", "application/octet-stream", "size", TWO_PARTS, "method", "MULTIPART"));
        assertThat(multipart.status()).as(multipart.body()).isEqualTo(201);
        pendingUploadId = multipart.json().path("uploadId").asString();
        MultipartUploader.startedWith(multipart.json(), first.gateway(), STORE, new GeneratedContent(7, TWO_PARTS))
                .uploadParts(List.of(1));
    }

    @AfterAll
    static void stopTheBackends() {
        first.close();
        second.close();
    }

    @Test
    void theSecondTenantSeesNoneOfTheFirstTenantsFiles() {
        Gateway.Answer own = second.gateway().get("/api/v1/files");
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().path("items")).isEmpty();

        Gateway.Answer byPrefix = second.gateway().get("/api/v1/files?keyPrefix=" + Gateway.query(first.keyPrefix()));
        assertThat(byPrefix.status()).as(byPrefix.body()).isEqualTo(200);
        assertThat(byPrefix.json().path("items")).isEmpty();

        Gateway.Answer byId = second.gateway().get("/api/v1/files/" + firstFileId);
        assertThat(byId.status()).as(byId.body()).isEqualTo(404);
        assertThat(byId.body()).doesNotContain(firstKey);

        Gateway.Answer asTheOther = second.gateway().get("/api/v1/files?tenantId=" + first.tenantId());
        assertThat(asTheOther.status()).as(asTheOther.body()).isEqualTo(403);

        Gateway.Answer stats = second.gateway().get("/api/v1/files/stats");
        assertThat(stats.status()).as(stats.body()).isEqualTo(200);
        assertThat(stats.json().path("count").asLong()).isZero();

        Gateway.Answer deleted = second.gateway().delete("/api/v1/files/" + firstFileId);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(404);
        assertThat(admin.filesOf(first.tenantId(), firstKey)).singleElement()
                .satisfies(file -> assertThat(file.path("status").asString()).isEqualTo("active"));
    }

    @Test
    void theSecondTenantCannotMintADownloadForTheFirstTenantsKey() throws IOException {
        Gateway.Answer refused = second.gateway().post("/api/v1/downloads", Map.of("key", firstKey));

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().path("url").isMissingNode()).isTrue();
        // The owner still can.
        Gateway.Answer owner = first.gateway().post("/api/v1/downloads", Map.of("key", firstKey));
        assertThat(owner.status()).as(owner.body()).isEqualTo(200);
        try (InputStream in = STORE.get(owner.json().path("url").asString())) {
            assertThat(in.readAllBytes()).isEqualTo(firstContent);
        }
    }

    @Test
    void theSecondTenantCannotInspectPartSignCompleteOrAbortTheFirstTenantsUploads() {
        for (String uploadId : List.of(pendingUploadId, firstUploadId)) {
            assertThat(second.gateway().get("/api/v1/uploads/" + uploadId).status()).as("state of %s", uploadId).isEqualTo(404);
            assertThat(second.gateway().get("/api/v1/uploads/" + uploadId + "/parts?numbers=1-2").status())
                    .as("part URLs of %s", uploadId).isEqualTo(404);
            assertThat(second.gateway().post("/api/v1/uploads/" + uploadId + "/complete").status())
                    .as("completion of %s", uploadId).isEqualTo(404);
            assertThat(second.gateway().delete("/api/v1/uploads/" + uploadId).status())
                    .as("abort of %s", uploadId).isEqualTo(404);
        }

        JsonNode untouched = MultipartUploader.state(first.gateway(), pendingUploadId);
        assertThat(untouched.path("status").asString()).isEqualTo("pending");
        assertThat(untouched.path("parts")).extracting(part -> part.path("partNumber").asInt()).containsExactly(1);
    }

    @Test
    void aPresignedUrlForItsOwnKeyDoesNotLetTheSecondTenantWriteIntoTheFirstTenantsPrefix() throws IOException {
        byte[] forged = ("overwritten " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);

        // A filename cannot steer the key: it is metadata, the server assigns the key inside the caller's prefix.
        Gateway.Answer minted = second.gateway().post("/api/v1/uploads", Map.of("filename", "../../" + firstKey,
                "contentType", "text/plain", "size", forged.length));
        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        JsonNode grant = minted.json();
        String ownKey = grant.path("key").asString();
        assertThat(ownKey).startsWith(second.keyPrefix()).doesNotContain("..");

        // Pointing the signed PUT at the first tenant's object breaks the signature: the store refuses it.
        String url = grant.path("url").asString();
        assertThat(url).contains("/" + ownKey.substring(0, ownKey.lastIndexOf('/')));
        String tampered = url.substring(0, url.indexOf("/tenants/")) + "/" + firstKey + url.substring(url.indexOf('?'));
        ObjectStore.Stored put = STORE.put(tampered, grant.path("headers"), new ByteArrayInputStream(forged), forged.length);
        assertThat(put.status()).as(put.body()).isEqualTo(403);

        // Same with a browser form: the POST policy pins the key.
        Gateway.Answer form = second.gateway().post("/api/v1/uploads", Map.of("filename", "form.txt",
                "contentType", "text/plain", "size", forged.length, "method", "POST"));
        assertThat(form.status()).as(form.body()).isEqualTo(201);
        Map<String, String> fields = new LinkedHashMap<>();
        form.json().path("fields").properties().forEach(field -> fields.put(field.getKey(), field.getValue().asString()));
        fields.put("key", firstKey);
        ObjectStore.Stored posted = STORE.postForm(form.json().path("url").asString(), fields, "form.txt", "text/plain", forged);
        assertThat(posted.status()).as(posted.body()).isEqualTo(403);

        Gateway.Answer owner = first.gateway().post("/api/v1/downloads", Map.of("key", firstKey));
        try (InputStream in = STORE.get(owner.json().path("url").asString())) {
            assertThat(in.readAllBytes()).as("the first tenant's object").isEqualTo(firstContent);
        }
    }

    @Test
    void theSecondTenantReceivesNoneOfTheFirstTenantsWebhooks() {
        // The second tenant's backend is live: a test event sent to its endpoint arrives verified.
        Gateway.Answer test = second.gateway().post("/api/v1/webhooks/endpoints/" + second.webhookEndpointId() + "/test",
                Map.of());
        assertThat(test.status()).as(test.body()).isEqualTo(202);
        Eventually.await("the second tenant's test webhook", Announcements.PIPELINE,
                () -> second.webhooks().stream().findFirst());

        // By now the first tenant's file.created has long been delivered (checked before the tests).
        assertThat(first.webhooksFor(firstKey)).isNotEmpty();
        List<VerifiedDelivery> received = second.webhooks();
        assertThat(received).allSatisfy(delivery -> {
            assertThat(delivery.body()).doesNotContain(first.tenantId()).doesNotContain(firstFileId);
            assertThat(TenantBackend.dataOf(delivery).path("key").asString()).startsWith(second.keyPrefix());
        });
        assertThat(second.rejectedWebhooks()).as("deliveries signed with another secret").isZero();

        // Nor can it read the first tenant's delivery log or endpoint.
        Gateway.Answer log = second.gateway().get("/api/v1/webhooks/messages?limit=100");
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        assertThat(log.body()).doesNotContain(firstFileId).doesNotContain(first.tenantId());
        assertThat(second.gateway().get("/api/v1/webhooks/endpoints/" + first.webhookEndpointId()).status()).isEqualTo(404);
        String firstMessageId = first.gateway().get("/api/v1/webhooks/messages?eventType=file.created&limit=100").json()
                .path("data").get(0).path("id").asString();
        assertThat(second.gateway().get("/api/v1/webhooks/messages/" + firstMessageId).status()).isEqualTo(404);
    }
}
