package io.uplink.acceptance;

import io.uplink.localstack.LocalStack;
import io.uplink.localstack.webhook.DemoWebhookReceiver.VerifiedDelivery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant's three ways of uploading, driven only through the gateway (with the tenant's API key) and the object store
 * (with what Uplink handed out), each ending as exactly one metadata row and one verified {@code file.created} webhook.
 */
class UploadJourneyTest {

    private static final long SIXTY_FOUR_MIB = 64L * 1024 * 1024;

    private static LocalStack suite;
    private static PlatformAdmin admin;
    private static TenantBackend tenant;
    private final ObjectStore store = new ObjectStore();

    @BeforeAll
    static void onboardATenant() {
        suite = RunningSuite.get();
        admin = new PlatformAdmin(suite.gatewayUrl(), RunningSuite.identityProvider());
        tenant = TenantBackend.onboard(suite.gatewayUrl(), admin, "acme");
    }

    @AfterAll
    static void stopTheTenantsBackend() {
        tenant.close();
    }

    @Test
    void uploadsASmallFileByPresignedPutAndItIsRecordedAndAnnouncedOnce() throws Exception {
        byte[] content = ("quarterly numbers " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.UTF_8);

        JsonNode grant = mint(Map.of("filename", "numbers.csv", "contentType", "text/csv", "size", content.length,
                "metadata", Map.of("department", "finance")));
        assertThat(grant.path("method").asString()).isEqualTo("PUT");
        String key = grant.path("key").asString();
        assertThat(key).startsWith(tenant.keyPrefix()).endsWith("/numbers.csv");
        ObjectStore.Stored stored = store.put(grant.path("url").asString(), grant.path("headers"),
                new java.io.ByteArrayInputStream(content), content.length);
        assertThat(stored.isSuccess()).as("%s %s", stored.status(), stored.body()).isTrue();
        complete(grant);

        JsonNode file = Announcements.recordedExactlyOnce(admin, tenant, key);
        assertThat(file.path("size").asLong()).isEqualTo(content.length);
        assertThat(file.path("originalFilename").asString()).isEqualTo("numbers.csv");
        assertThat(file.path("metadata").path("department").asString()).isEqualTo("finance");
        Announcements.announcedExactlyOnce(tenant, file);
        assertThat(download(key)).isEqualTo(content);
    }

    @Test
    void uploadsAFileByBrowserPostPolicyAndItIsRecordedAndAnnouncedOnce() throws Exception {
        byte[] content = ("{\"avatar\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);

        JsonNode grant = mint(Map.of("filename", "avatar.json", "contentType", "application/json", "size", content.length,
                "method", "POST"));
        assertThat(grant.path("method").asString()).isEqualTo("POST");
        String key = grant.path("key").asString();
        assertThat(key).startsWith(tenant.keyPrefix());
        ObjectStore.Stored stored = store.postForm(grant.path("url").asString(), fields(grant), "avatar.json",
                "application/json", content);
        assertThat(stored.isSuccess()).as("%s %s", stored.status(), stored.body()).isTrue();
        complete(grant);

        JsonNode file = Announcements.recordedExactlyOnce(admin, tenant, key);
        assertThat(file.path("size").asLong()).isEqualTo(content.length);
        assertThat(file.path("contentType").asString()).startsWith("application/json");
        Announcements.announcedExactlyOnce(tenant, file);
        assertThat(download(key)).isEqualTo(content);
    }

    @Test
    void resumesA64MiBMultipartUploadAfterTheClientCrashesHalfway() throws Exception {
        GeneratedContent content = new GeneratedContent(UUID.randomUUID().getMostSignificantBits(), SIXTY_FOUR_MIB);
        JsonNode grant = mint(Map.of("filename", "telemetry.bin", "contentType", "application/octet-stream",
                "size", SIXTY_FOUR_MIB, "method", "MULTIPART"));
        String uploadId = grant.path("uploadId").asString();
        String key = grant.path("key").asString();

        MultipartUploader firstClient = MultipartUploader.startedWith(grant, tenant.gateway(), store, content);
        int partCount = firstClient.partCount();
        assertThat(partCount).as("parts of a 64 MiB upload").isGreaterThanOrEqualTo(4);
        List<Integer> firstHalf = java.util.stream.IntStream.rangeClosed(1, partCount / 2).boxed().toList();
        firstClient.uploadParts(firstHalf);
        firstClient = null; // the app crashes: every ETag it collected is gone

        MultipartUploader restarted = MultipartUploader.resume(uploadId, tenant.gateway(), store, content);
        assertThat(restarted.knownParts()).as("parts the store holds after the crash").isEqualTo(firstHalf);
        List<Integer> missing = restarted.missingParts();
        assertThat(missing).hasSize(partCount - firstHalf.size()).doesNotContainAnyElementsOf(firstHalf);
        restarted.uploadParts(missing);
        Gateway.Answer completed = restarted.complete();
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        assertThat(completed.json().path("size").asLong()).isEqualTo(SIXTY_FOUR_MIB);
        assertThat(MultipartUploader.state(tenant.gateway(), uploadId).path("status").asString()).isEqualTo("completed");

        JsonNode file = Announcements.recordedExactlyOnce(admin, tenant, key);
        assertThat(file.path("size").asLong()).isEqualTo(SIXTY_FOUR_MIB);
        Announcements.announcedExactlyOnce(tenant, file);
        try (InputStream downloaded = store.get(downloadUrl(key))) {
            assertThat(GeneratedContent.digest(downloaded)).as("SHA-256 of the stored object").isEqualTo(content.sha256());
        }
    }

    @Test
    void anAdminFindsEachOfTheTenantsUploadsOnceAndEveryWebhookIdAnnouncesOneFile() throws Exception {
        Set<String> keys = new java.util.HashSet<>();
        for (String name : List.of("one.txt", "two.txt")) {
            byte[] content = (name + " " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
            JsonNode grant = mint(Map.of("filename", name, "contentType", "text/plain", "size", content.length));
            assertThat(store.put(grant.path("url").asString(), grant.path("headers"),
                    new java.io.ByteArrayInputStream(content), content.length).isSuccess()).isTrue();
            complete(grant);
            keys.add(grant.path("key").asString());
        }
        for (String key : keys) {
            Announcements.announcedExactlyOnce(tenant, Announcements.recordedExactlyOnce(admin, tenant, key));
        }

        List<JsonNode> everything = admin.filesOf(tenant.tenantId(), tenant.keyPrefix());
        Map<String, Integer> rowsPerKey = new HashMap<>();
        everything.forEach(file -> rowsPerKey.merge(file.path("key").asString(), 1, Integer::sum));
        assertThat(rowsPerKey).as("rows per object key").containsKeys(keys.toArray(String[]::new));
        assertThat(rowsPerKey.values()).as("rows per object key").containsOnly(1);
        Map<String, Set<String>> keysPerWebhookId = new HashMap<>();
        for (VerifiedDelivery delivery : tenant.webhooks()) {
            keysPerWebhookId.computeIfAbsent(delivery.webhookId(), id -> new java.util.HashSet<>())
                    .add(TenantBackend.dataOf(delivery).path("key").asString());
        }
        assertThat(keysPerWebhookId.values()).as("files announced per webhook-id").allSatisfy(files -> assertThat(files).hasSize(1));
    }

    private JsonNode mint(Map<String, Object> request) {
        Gateway.Answer minted = tenant.gateway().post("/api/v1/uploads", request);
        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        return minted.json();
    }

    private void complete(JsonNode grant) {
        Gateway.Answer completed = tenant.gateway().post("/api/v1/uploads/" + grant.path("uploadId").asString() + "/complete");
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
    }

    private String downloadUrl(String key) {
        Gateway.Answer minted = tenant.gateway().post("/api/v1/downloads", Map.of("key", key));
        assertThat(minted.status()).as(minted.body()).isEqualTo(200);
        return minted.json().path("url").asString();
    }

    private byte[] download(String key) throws IOException {
        try (InputStream in = store.get(downloadUrl(key))) {
            return in.readAllBytes();
        }
    }

    private static Map<String, String> fields(JsonNode grant) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = grant.path("fields").properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            fields.put(field.getKey(), field.getValue().asString());
        }
        return fields;
    }
}
