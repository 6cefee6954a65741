package io.uplink.credential.storage;

import com.sun.net.httpserver.HttpServer;
import io.uplink.contracts.UploadCompleted;
import io.uplink.contracts.UploadSource;
import io.uplink.credential.ServiceApi;
import io.uplink.credential.reconcile.UploadReconciler;
import io.uplink.credential.upload.UploadCompletedConsumer;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.S3Endpoint;
import io.uplink.testsupport.SharedInfrastructure;
import io.uplink.testsupport.UplinkInfrastructure;
import io.uplink.testsupport.identity.TestIdentityKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two real S3Proxy stores with different keys: the shared one is target {@code default}, a private one is target
 * {@code second}. A local tenant registry (standing in for metadata-service) assigns tenants {@code ta-*} to
 * {@code default}, {@code tb-*} to {@code second} and {@code tx-*} to a target nobody configured; a test may move a
 * tenant to another target ({@code MOVED}), which credential-service sees once its 200 ms settings cache runs out.
 */
@UplinkInfrastructure({Infra.S3, Infra.SECOND_S3, Infra.KAFKA, Infra.POSTGRES})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestIdentityKeys.TRUSTED_KEYS_PROPERTY, TestIdentityKeys.CREDENTIAL_PRIVATE_KEY_PROPERTY})
class StorageTargetUploadTest {

    private static final String SECOND_BUCKET = SharedInfrastructure.SECOND_BUCKET;
    private static final String FIRST_BUCKET = "uplink-uploads";
    private static final HttpClient BROWSER = HttpClient.newHttpClient();
    private static final HttpServer REGISTRY = registry();
    /** Tenants whose target the registry answers from here instead of their prefix: a tenant moving stores. */
    private static final Map<String, String> MOVED = new java.util.concurrent.ConcurrentHashMap<>();
    /** The files the registry has recorded, key → store (its file-locations); others are 404. */
    private static final Map<String, String> RECORDED = new java.util.concurrent.ConcurrentHashMap<>();

    private static S3Client firstStore;
    private static S3Client secondStore;

    @LocalServerPort
    int port;

    @Autowired
    UploadReconciler reconciler;

    @DynamicPropertySource
    static void targets(DynamicPropertyRegistry registry) {
        registry.add("uplink.credential.tenants.metadata-instances", () -> "http://127.0.0.1:" + REGISTRY.getAddress().getPort());
        registry.add("uplink.credential.tenants.cache-ttl", () -> "200ms"); // a moved tenant is seen moved soon
        registry.add("uplink.credential.storage.targets.second.kind", () -> "minio");
    }

    @BeforeAll
    static void connect() {
        firstStore = SharedInfrastructure.s3().client();
        secondStore = SharedInfrastructure.secondS3().client();
        // Each store also has the other's bucket name, so a refusal below is about keys and signatures, not a
        // missing bucket.
        for (S3Client store : List.of(firstStore, secondStore)) {
            try {
                store.createBucket(r -> r.bucket(store == firstStore ? SECOND_BUCKET : FIRST_BUCKET));
            } catch (software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException
                     | software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException e) {
                // created by an earlier test in this JVM
            }
        }
    }

    @AfterAll
    static void stop() {
        firstStore.close();
        secondStore.close();
        REGISTRY.stop(0);
    }

    private static HttpServer registry() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/v1/tenants/", exchange -> {
                String id = exchange.getRequestURI().getPath().substring("/api/v1/tenants/".length());
                if (id.endsWith("/file-locations")) {
                    String key = java.net.URLDecoder.decode(exchange.getRequestURI().getRawQuery()
                            .substring("key=".length()), StandardCharsets.UTF_8);
                    String store = RECORDED.get(key);
                    byte[] location = store == null ? new byte[0] : ("{\"key\":\"" + key + "\",\"storageTarget\":\""
                            + store + "\",\"bucket\":\"" + (store.equals("second") ? SECOND_BUCKET : FIRST_BUCKET)
                            + "\"}").getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(store == null ? 404 : 200, store == null ? -1 : location.length);
                    exchange.getResponseBody().write(location);
                    exchange.close();
                    return;
                }
                String target = MOVED.getOrDefault(id,
                        id.startsWith("tb-") ? "second" : id.startsWith("tx-") ? "nowhere" : "default");
                // tenants tr-* route videos to the second store and may name either store
                String routing = id.startsWith("tr-") ? ",\"storageTargets\":[\"default\",\"second\"],"
                        + "\"storageRoutes\":[{\"contentType\":\"video/*\",\"target\":\"second\"}]" : "";
                byte[] body = ("{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"status\":\"active\","
                        + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"settings\":{\"maxObjectSize\":104857600,"
                        + "\"allowedContentTypes\":[\"*/*\"],\"credentialTtlSeconds\":900,"
                        + "\"storageTarget\":\"" + target + "\"" + routing + "}}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tenant(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private ServiceApi api() {
        return new ServiceApi(port);
    }

    private JsonNode grant(String tenant, String method, byte[] content) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filename", "notes.txt");
        body.put("contentType", "text/plain");
        body.put("size", content.length);
        body.put("method", method);
        ServiceApi.Response response = api().post(tenant, "/api/v1/uploads", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static int put(String url, JsonNode grant, byte[] content) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        grant.get("headers").properties().forEach(e -> {
            if (!e.getKey().equalsIgnoreCase("content-length")) {
                request.header(e.getKey(), e.getValue().asString());
            }
        });
        return BROWSER.send(request.PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpResponse<String> submitForm(String url, JsonNode grant, byte[] file) throws Exception {
        String boundary = "----uplink" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        grant.get("fields").properties().forEach(field -> body.writeBytes(("--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                + field.getValue().asString() + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"n.txt\""
                + "\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return BROWSER.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The same URL aimed at the other store: only scheme, host and port change. */
    private static String onStore(String url, S3Endpoint store) {
        URI original = URI.create(url);
        return store.endpoint().toString() + original.getRawPath()
                + (original.getRawQuery() == null ? "" : "?" + original.getRawQuery());
    }

    private static void assertStored(S3Client store, String bucket, String key, long size) {
        assertThat(store.headObject(r -> r.bucket(bucket).key(key)).contentLength()).isEqualTo(size);
    }

    private static void assertAbsent(S3Client store, String bucket, String key) {
        assertThatThrownBy(() -> store.headObject(r -> r.bucket(bucket).key(key))).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void eachTenantsUploadLandsInItsOwnTargetsStoreAndCompletesThere() throws Exception {
        byte[] content = "which store am I in?".getBytes(StandardCharsets.UTF_8);
        String tenantA = tenant("ta-");
        String tenantB = tenant("tb-");
        JsonNode grantA = grant(tenantA, "PUT", content);
        JsonNode grantB = grant(tenantB, "PUT", content);
        assertThat(URI.create(grantA.get("url").asString()).getPort()).isEqualTo(SharedInfrastructure.s3().endpoint().getPort());
        assertThat(URI.create(grantB.get("url").asString()).getPort()).isEqualTo(SharedInfrastructure.secondS3().endpoint().getPort());

        assertThat(put(grantA.get("url").asString(), grantA, content)).isEqualTo(200);
        assertThat(put(grantB.get("url").asString(), grantB, content)).isEqualTo(200);

        String keyA = grantA.get("key").asString();
        String keyB = grantB.get("key").asString();
        assertStored(firstStore, FIRST_BUCKET, keyA, content.length);
        assertAbsent(secondStore, FIRST_BUCKET, keyA);
        assertStored(secondStore, SECOND_BUCKET, keyB, content.length);
        assertAbsent(firstStore, SECOND_BUCKET, keyB);
        // Completion's HeadObject asks the session's own store.
        ServiceApi.Response completedA = api().post(tenantA, "/api/v1/uploads/" + grantA.get("uploadId").asString() + "/complete", null);
        ServiceApi.Response completedB = api().post(tenantB, "/api/v1/uploads/" + grantB.get("uploadId").asString() + "/complete", null);
        assertThat(completedA.status()).as(completedA.body()).isEqualTo(200);
        assertThat(completedB.status()).as(completedB.body()).isEqualTo(200);
        // The completion names the store and bucket the object is in, for metadata-service's row.
        try (UploadCompletedConsumer completions = new UploadCompletedConsumer()) {
            Map<String, UploadCompleted> events = completions.awaitKeys(tenantA + "/" + keyA, tenantB + "/" + keyB);
            UploadCompleted eventA = events.get(tenantA + "/" + keyA);
            UploadCompleted eventB = events.get(tenantB + "/" + keyB);
            assertThat(List.of(eventA.storageTarget(), eventA.bucket())).containsExactly("default", FIRST_BUCKET);
            assertThat(List.of(eventB.storageTarget(), eventB.bucket())).containsExactly("second", SECOND_BUCKET);
        }
    }

    @Test
    void aTenantWithSeveralStoresRoutesByContentTypeOrByTheTargetARequestNames() {
        String tenant = tenant("tr-");

        ServiceApi.Response image = mint(tenant, "cat.png", "image/png", null);
        ServiceApi.Response video = mint(tenant, "clip.mp4", "video/mp4", null);
        ServiceApi.Response named = mint(tenant, "cat.png", "image/png", "second");
        ServiceApi.Response refused = mint(tenant, "cat.png", "image/png", "nowhere");

        assertThat(portOf(image)).isEqualTo(SharedInfrastructure.s3().endpoint().getPort());
        assertThat(portOf(video)).isEqualTo(SharedInfrastructure.secondS3().endpoint().getPort());
        assertThat(portOf(named)).isEqualTo(SharedInfrastructure.secondS3().endpoint().getPort());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("rule").asString()).isEqualTo("storage-target-allowed");
        assertThat(refused.json().get("storageTarget").asString()).isEqualTo("nowhere");
        assertThat(mint(tenant("ta-"), "cat.png", "image/png", "second").status())
                .as("a tenant with one store names no other").isEqualTo(403);
    }

    private ServiceApi.Response mint(String tenant, String filename, String contentType, String target) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filename", filename);
        body.put("contentType", contentType);
        body.put("size", 10);
        body.put("method", "PUT");
        if (target != null) {
            body.put("target", target);
        }
        return api().post(tenant, "/api/v1/uploads", body);
    }

    private static int portOf(ServiceApi.Response grant) {
        assertThat(grant.status()).as(grant.body()).isEqualTo(201);
        return URI.create(grant.json().get("url").asString()).getPort();
    }

    @Test
    void aTenantThatMovedToAnotherStoreDownloadsItsEarlierFilesFromWhereTheyAre() throws Exception {
        byte[] content = "stored before the move".getBytes(StandardCharsets.UTF_8);
        String tenant = tenant("tm-");
        MOVED.put(tenant, "second");
        JsonNode before = grant(tenant, "PUT", content);
        assertThat(put(before.get("url").asString(), before, content)).isEqualTo(200);
        String key = before.get("key").asString();

        MOVED.put(tenant, "default");
        long waitUntil = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (URI.create(grant(tenant, "PUT", content).get("url").asString()).getPort()
                != SharedInfrastructure.s3().endpoint().getPort()) {
            assertThat(System.nanoTime()).as("the move reached credential-service's settings").isLessThan(waitUntil);
            Thread.sleep(100);
        }
        ServiceApi.Response download = api().post(tenant, "/api/v1/downloads", Map.of("key", key));

        assertThat(download.status()).as(download.body()).isEqualTo(200);
        URI url = URI.create(download.json().get("url").asString());
        assertThat(url.getPort()).as("the store the file is in").isEqualTo(SharedInfrastructure.secondS3().endpoint().getPort());
        HttpResponse<byte[]> fetched = BROWSER.send(HttpRequest.newBuilder(url).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(content);
    }

    @Test
    void aFileWithoutAnUploadSessionIsDownloadedFromTheStoreItsRowNames() throws Exception {
        String tenant = tenant("ta-"); // on the default store now
        String key = "tenants/" + tenant + "/sts/earlier.txt";
        byte[] content = "written with STS credentials to the second store".getBytes(StandardCharsets.UTF_8);
        secondStore.putObject(r -> r.bucket(SECOND_BUCKET).key(key),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(content));
        RECORDED.put(key, "second");

        ServiceApi.Response download = api().post(tenant, "/api/v1/downloads", Map.of("key", key));

        assertThat(download.status()).as(download.body()).isEqualTo(200);
        URI url = URI.create(download.json().get("url").asString());
        assertThat(url.getPort()).isEqualTo(SharedInfrastructure.secondS3().endpoint().getPort());
        assertThat(BROWSER.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray())
                .body()).isEqualTo(content);
        String unrecorded = "tenants/" + tenant + "/sts/unknown.txt";
        assertThat(URI.create(api().post(tenant, "/api/v1/downloads", Map.of("key", unrecorded)).json().get("url")
                .asString()).getPort()).as("not recorded: the tenant's current store")
                .isEqualTo(SharedInfrastructure.s3().endpoint().getPort());
    }

    @Test
    void eachStoreRejectsTheOtherTargetsPresignedPuts() throws Exception {
        byte[] content = "not for you".getBytes(StandardCharsets.UTF_8);
        JsonNode grantA = grant(tenant("ta-"), "PUT", content);
        JsonNode grantB = grant(tenant("tb-"), "PUT", content);

        int aOnSecond = put(onStore(grantA.get("url").asString(), SharedInfrastructure.secondS3()), grantA, content);
        int bOnFirst = put(onStore(grantB.get("url").asString(), SharedInfrastructure.s3()), grantB, content);

        assertThat(aOnSecond).isEqualTo(403);
        assertThat(bOnFirst).isEqualTo(403);
        assertAbsent(secondStore, FIRST_BUCKET, grantA.get("key").asString());
        assertAbsent(firstStore, SECOND_BUCKET, grantB.get("key").asString());
    }

    @Test
    void postFormsAreSignedWithTheTargetsOwnKeys() throws Exception {
        byte[] file = "form upload".getBytes(StandardCharsets.UTF_8);
        JsonNode grantB = grant(tenant("tb-"), "POST", file);
        JsonNode grantA = grant(tenant("ta-"), "POST", file);
        String formUrlB = grantB.get("url").asString();
        assertThat(formUrlB).isEqualTo(SharedInfrastructure.secondS3().endpoint() + "/" + SECOND_BUCKET);
        assertThat(grantB.get("fields").get("x-amz-credential").asString()).startsWith("second-store-access/");

        HttpResponse<String> bOnFirst = submitForm(onStore(formUrlB, SharedInfrastructure.s3()), grantB, file);
        HttpResponse<String> aOnSecond = submitForm(onStore(grantA.get("url").asString(), SharedInfrastructure.secondS3()), grantA, file);
        HttpResponse<String> bOnSecond = submitForm(formUrlB, grantB, file);

        assertThat(bOnFirst.statusCode()).as(bOnFirst.body()).isEqualTo(403);
        assertThat(aOnSecond.statusCode()).as(aOnSecond.body()).isEqualTo(403);
        assertThat(bOnSecond.statusCode()).as(bOnSecond.body()).isBetween(200, 204);
        assertStored(secondStore, SECOND_BUCKET, grantB.get("key").asString(), file.length);
        assertAbsent(firstStore, SECOND_BUCKET, grantB.get("key").asString());
        assertAbsent(secondStore, FIRST_BUCKET, grantA.get("key").asString());
    }

    @Test
    void multipartDownloadsAndCompanionUseTheTenantsTarget() throws Exception {
        String tenantB = tenant("tb-");
        byte[] content = new byte[6 * 1024 * 1024];
        new java.util.Random(7).nextBytes(content);
        JsonNode grant = grant(tenantB, "MULTIPART", content);
        String uploadId = grant.get("uploadId").asString();
        JsonNode part = api().get(tenantB, "/api/v1/uploads/" + uploadId + "/parts?numbers=1").json().get("parts").get(0);
        assertThat(URI.create(part.get("url").asString()).getPort()).isEqualTo(SharedInfrastructure.secondS3().endpoint().getPort());
        assertThat(BROWSER.send(HttpRequest.newBuilder(URI.create(part.get("url").asString()))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        JsonNode state = api().get(tenantB, "/api/v1/uploads/" + uploadId).json();
        assertThat(state.get("parts")).as("ListParts on the second store").hasSize(1);

        ServiceApi.Response completed = api().post(tenantB, "/api/v1/uploads/" + uploadId + "/complete", null);
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        String key = grant.get("key").asString();
        assertStored(secondStore, SECOND_BUCKET, key, content.length);

        ServiceApi.Response download = api().post(tenantB, "/api/v1/downloads", Map.of("key", key));
        assertThat(download.status()).as(download.body()).isEqualTo(200);
        HttpResponse<byte[]> fetched = BROWSER.send(HttpRequest.newBuilder(URI.create(download.json().get("url").asString()))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(content);

        ServiceApi.Response companion = api().post(tenantB, "/api/v1/s3/multipart",
                Map.of("filename", "c.bin", "type", "application/octet-stream"));
        assertThat(companion.status()).as(companion.body()).isEqualTo(200);
        assertThat(companion.json().get("bucket").asString()).isEqualTo(SECOND_BUCKET);
        String companionKey = companion.json().get("key").asString();
        assertThat(secondStore.listMultipartUploads(r -> r.bucket(SECOND_BUCKET).prefix(companionKey)).uploads())
                .hasSize(1);
    }

    /** Uppy 6's hook: forwards its request to {@code POST /api/v1/s3/sign} and expects a signed call. */
    private JsonNode signRequest(String tenant, Object... pairs) {
        Map<String, Object> request = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            request.put((String) pairs[i], pairs[i + 1]);
        }
        ServiceApi.Response response = api().post(tenant, "/api/v1/s3/sign", request);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** The browser's own store call with the signed URL and only the Content-Type Uppy sets. */
    private static HttpResponse<String> storeCall(String method, String url, String contentType, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return BROWSER.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertOnSecondStore(JsonNode signed) {
        assertThat(URI.create(signed.get("url").asString()).getPort()).as(signed.get("operation").asString())
                .isEqualTo(SharedInfrastructure.secondS3().endpoint().getPort());
    }

    @Test
    void signRequestUploadsOfATenantOnASecondTargetLandInThatTargetsStore() throws Exception {
        String tenantB = tenant("tb-");
        byte[] small = "signed for the second store".getBytes(StandardCharsets.UTF_8);
        JsonNode put = signRequest(tenantB, "method", "PUT", "key", UUID.randomUUID() + "-note.txt");
        assertOnSecondStore(put);
        assertThat(storeCall("PUT", onStore(put.get("url").asString(), SharedInfrastructure.s3()), "text/plain", small)
                .statusCode()).as("the first store refuses the second target's signature").isEqualTo(403);
        assertThat(storeCall("PUT", put.get("url").asString(), "text/plain", small).statusCode()).isEqualTo(200);
        String putKey = put.get("key").asString();
        assertStored(secondStore, SECOND_BUCKET, putKey, small.length);
        assertAbsent(firstStore, FIRST_BUCKET, putKey);

        // Multipart: every call Uppy makes, each signed for the second store (ListParts by the generic signer).
        String clientKey = UUID.randomUUID() + "-clip.bin";
        JsonNode create = signRequest(tenantB, "method", "POST", "key", clientKey);
        assertOnSecondStore(create);
        HttpResponse<String> created = storeCall("POST", create.get("url").asString(), "application/octet-stream", null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        Matcher uploadIdInXml = Pattern.compile("<UploadId>([^<]+)</UploadId>").matcher(created.body());
        assertThat(uploadIdInXml.find()).as(created.body()).isTrue();
        String uploadId = uploadIdInXml.group(1);
        String key = create.get("key").asString();
        byte[] first = new byte[5 * 1024 * 1024];
        new java.util.Random(11).nextBytes(first);
        byte[] last = "tail".getBytes(StandardCharsets.UTF_8);
        StringBuilder parts = new StringBuilder();
        int number = 0;
        for (byte[] bytes : java.util.List.of(first, last)) {
            number++;
            // Binding the uploadId asks the second store's ListMultipartUploads.
            JsonNode part = signRequest(tenantB, "method", "PUT", "key", clientKey, "uploadId", uploadId,
                    "partNumber", number);
            assertOnSecondStore(part);
            HttpResponse<String> stored = storeCall("PUT", part.get("url").asString(), null, bytes);
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
            parts.append("<Part><PartNumber>").append(number).append("</PartNumber><ETag>")
                    .append(stored.headers().firstValue("ETag").orElseThrow()).append("</ETag></Part>");
        }
        JsonNode list = signRequest(tenantB, "method", "GET", "key", key, "uploadId", uploadId);
        assertOnSecondStore(list);
        HttpResponse<String> listed = storeCall("GET", list.get("url").asString(), null, null);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains("<PartNumber>1</PartNumber>", "<PartNumber>2</PartNumber>");
        JsonNode complete = signRequest(tenantB, "method", "POST", "key", key, "uploadId", uploadId);
        assertOnSecondStore(complete);
        HttpResponse<String> completed = storeCall("POST", complete.get("url").asString(), "application/xml",
                ("<CompleteMultipartUpload>" + parts + "</CompleteMultipartUpload>").getBytes(StandardCharsets.UTF_8));
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
        assertStored(secondStore, SECOND_BUCKET, key, first.length + last.length);
        assertAbsent(firstStore, FIRST_BUCKET, key);

        // One consumer per record: awaiting one key skips the records before it.
        try (UploadCompletedConsumer multipartEvents = new UploadCompletedConsumer();
             UploadCompletedConsumer singleEvents = new UploadCompletedConsumer()) {
            reconciler.reconcile(Instant.now().plusSeconds(300));

            UploadCompleted multipart = UploadCompletedConsumer.event(multipartEvents.awaitKey(tenantB + "/" + key));
            UploadCompleted single = UploadCompletedConsumer.event(singleEvents.awaitKey(tenantB + "/" + putKey));
            assertThat(multipart.bucket()).isEqualTo(SECOND_BUCKET);
            assertThat(multipart.size()).isEqualTo(first.length + last.length);
            assertThat(multipart.source()).isEqualTo(UploadSource.RECONCILER);
            assertThat(single.bucket()).isEqualTo(SECOND_BUCKET);
            assertThat(single.size()).isEqualTo(small.length);
        }
    }

    @Test
    void anAbandonedSignRequestMultipartUploadIsAbortedInItsTargetsStore() throws Exception {
        String tenantB = tenant("tb-");
        JsonNode create = signRequest(tenantB, "method", "POST", "key", UUID.randomUUID() + "-gone.bin");
        String key = create.get("key").asString();
        assertThat(storeCall("POST", create.get("url").asString(), "application/octet-stream", null).statusCode())
                .isEqualTo(200);
        assertThat(secondStore.listMultipartUploads(r -> r.bucket(SECOND_BUCKET).prefix(key)).uploads()).hasSize(1);

        reconciler.reconcile(Instant.now().plus(java.time.Duration.ofDays(8)));

        assertThat(secondStore.listMultipartUploads(r -> r.bucket(SECOND_BUCKET).prefix(key)).uploads()).isEmpty();
    }

    @Test
    void theReconcilerChecksTheSessionsOwnStore() throws Exception {
        String tenantB = tenant("tb-");
        byte[] content = "never completed by the client".getBytes(StandardCharsets.UTF_8);
        JsonNode grant = grant(tenantB, "PUT", content);
        assertThat(put(grant.get("url").asString(), grant, content)).isEqualTo(200);

        reconciler.reconcile(Instant.now().plusSeconds(300));

        JsonNode state = api().get(tenantB, "/api/v1/uploads/" + grant.get("uploadId").asString()).json();
        assertThat(state.get("status").asString()).isEqualToIgnoringCase("completed");
    }

    @Test
    void anUnconfiguredTargetIsAProblemNamingItNeverACredentialForAnotherStore() {
        String tenantX = tenant("tx-");
        Map<String, Object> body = Map.of("filename", "a.txt", "contentType", "text/plain", "size", 3, "method", "PUT");

        ServiceApi.Response upload = api().post(tenantX, "/api/v1/uploads", body);
        ServiceApi.Response download = api().post(tenantX, "/api/v1/downloads",
                Map.of("key", "tenants/" + tenantX + "/2026/01/01/x/a.txt"));
        ServiceApi.Response companion = api().get(tenantX, "/api/v1/s3/params?filename=a.txt&type=text/plain");
        ServiceApi.Response signRequest = api().post(tenantX, "/api/v1/s3/sign", Map.of("method", "PUT", "key", "a.txt"));

        for (ServiceApi.Response response : java.util.List.of(upload, download, companion, signRequest)) {
            assertThat(response.status()).as(response.body()).isEqualTo(503);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("storageTarget").asString()).isEqualTo("nowhere");
            assertThat(response.body()).doesNotContain("X-Amz-Signature", "x-amz-signature");
        }
    }

    @Test
    void readinessChecksEveryTargetsBucketWithItsOwnKeys() {
        ServiceApi.Response readiness = api().get(null, "/actuator/health/readiness");

        JsonNode targets = readiness.json().get("components").get("s3").get("details").get("targets");
        assertThat(targets.get("default").get("status").asString()).isEqualTo("UP");
        assertThat(targets.get("second").get("status").asString()).isEqualTo("UP");
        assertThat(targets.get("second").get("bucket").asString()).isEqualTo(SECOND_BUCKET);
    }

    @Test
    void stsIsPerTargetAndATargetWithoutOneAnswers409NamingIt() {
        ServiceApi.Response sts = api().post(tenant("tb-"), "/api/v1/sts/credentials", null);

        assertThat(sts.status()).as(sts.body()).isEqualTo(409);
        assertThat(sts.json().get("storageTarget").asString()).isEqualTo("second");
    }
}
