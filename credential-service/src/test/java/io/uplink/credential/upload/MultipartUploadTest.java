package io.uplink.credential.upload;

import io.uplink.contracts.UploadCompleted;
import io.uplink.contracts.UploadSource;
import io.uplink.credential.ServiceApi;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MultipartUploadTest extends UploadIntegrationTest {

    private static final long MIB = 1024 * 1024;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static String tenant() {
        return "mp-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private JsonNode start(String tenant, long size) {
        ServiceApi.Response response = new ServiceApi(port).post(tenant, "/api/v1/uploads",
                Map.of("filename", "video.mp4", "contentType", "video/mp4", "size", size, "method", "MULTIPART",
                        "metadata", Map.of("album", "holiday")));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private Map<Integer, JsonNode> partUrls(String tenant, String uploadId, String numbers) {
        ServiceApi.Response response = new ServiceApi(port).get(tenant,
                "/api/v1/uploads/" + uploadId + "/parts?numbers=" + numbers);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<Integer, JsonNode> urls = new LinkedHashMap<>();
        response.json().get("parts").forEach(part -> urls.put(part.get("partNumber").asInt(), part));
        return urls;
    }

    /** PUTs one part as a browser would; returns the ETag the store answered. */
    private static String putPart(JsonNode part, byte[] bytes) throws Exception {
        HttpResponse<Void> response = CLIENT.send(HttpRequest.newBuilder(URI.create(part.get("url").asString()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.headers().firstValue("ETag").orElseThrow();
    }

    private static byte[] slice(byte[] content, long partSize, int number) {
        int from = (int) ((number - 1) * partSize);
        return Arrays.copyOfRange(content, from, (int) Math.min(content.length, from + partSize));
    }

    @Test
    void resumesAfterACrashUploadingOnlyTheMissingPartsThenCompletes() throws Exception {
        String tenant = tenant();
        byte[] content = new byte[(int) (17 * MIB + 123)];
        new Random(7).nextBytes(content);
        JsonNode grant = start(tenant, content.length);
        String uploadId = grant.get("uploadId").asString();
        long partSize = grant.get("partSize").asLong();
        assertThat(partSize).isEqualTo(8 * MIB);
        assertThat(grant.get("partCount").asInt()).isEqualTo(3);

        Map<Integer, JsonNode> urls = partUrls(tenant, uploadId, "1-3");
        assertThat(urls.get(3).get("size").asLong()).isEqualTo(MIB + 123);
        String etag1 = putPart(urls.get(1), slice(content, partSize, 1));
        putPart(urls.get(3), slice(content, partSize, 3));
        // The client crashes here; on restart it asks the service what the store already has.

        JsonNode state = new ServiceApi(port).get(tenant, "/api/v1/uploads/" + uploadId).json();
        assertThat(state.get("status").asString()).isEqualTo("pending");
        List<Integer> stored = new ArrayList<>();
        state.get("parts").forEach(p -> stored.add(p.get("partNumber").asInt()));
        assertThat(stored).containsExactly(1, 3);
        ServiceApi.Response early = new ServiceApi(port).post(tenant, "/api/v1/uploads/" + uploadId + "/complete", null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("rule").asString()).isEqualTo("parts-missing");
        assertThat(early.json().get("detail").asString()).contains("[2]");

        String etag2 = putPart(partUrls(tenant, uploadId, "2").get(2), slice(content, partSize, 2));

        try (UploadCompletedConsumer consumer = new UploadCompletedConsumer()) {
            ServiceApi.Response completed = new ServiceApi(port).post(tenant, "/api/v1/uploads/" + uploadId + "/complete",
                    Map.of("parts", List.of(Map.of("partNumber", 1, "etag", etag1), Map.of("partNumber", 2, "etag", etag2))));
            assertThat(completed.status()).as(completed.body()).isEqualTo(200);
            String key = grant.get("key").asString();
            UploadCompleted event = UploadCompletedConsumer.event(consumer.awaitKey(tenant + "/" + key));
            assertThat(event.size()).isEqualTo(content.length);
            assertThat(event.source()).isEqualTo(UploadSource.MULTIPART_COMPLETE);
            assertThat(event.metadata()).containsEntry("album", "holiday");
            byte[] stored2 = storage.getObjectAsBytes(r -> r.bucket("uplink-uploads").key(key)).asByteArray();
            assertThat(stored2).isEqualTo(content);
        }
        assertThat(new ServiceApi(port).get(tenant, "/api/v1/uploads/" + uploadId).json().get("status").asString())
                .isEqualTo("completed");
    }

    @Test
    void refusesCompletionWhenAReportedEtagIsNotWhatTheStoreHolds() throws Exception {
        String tenant = tenant();
        JsonNode grant = start(tenant, 10);
        String uploadId = grant.get("uploadId").asString();
        putPart(partUrls(tenant, uploadId, "1").get(1), new byte[10]);

        ServiceApi.Response response = new ServiceApi(port).post(tenant, "/api/v1/uploads/" + uploadId + "/complete",
                Map.of("parts", List.of(Map.of("partNumber", 1, "etag", "\"not-the-etag\""))));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("rule").asString()).isEqualTo("part-etag");
    }

    @Test
    void partUrlsSignTheExactPartSize() throws Exception {
        String tenant = tenant();
        JsonNode grant = start(tenant, 10);
        JsonNode part = partUrls(tenant, grant.get("uploadId").asString(), "1").get(1);

        HttpResponse<Void> response = CLIENT.send(HttpRequest.newBuilder(URI.create(part.get("url").asString()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[11])).build(), HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void rejectsPartNumbersOutsideThePlan() {
        String tenant = tenant();
        String uploadId = start(tenant, 10).get("uploadId").asString();

        ServiceApi.Response beyondPlan = new ServiceApi(port).get(tenant, "/api/v1/uploads/" + uploadId + "/parts?numbers=2");
        ServiceApi.Response beyondS3 = new ServiceApi(port).get(tenant, "/api/v1/uploads/" + uploadId + "/parts?numbers=0-3");
        ServiceApi.Response garbage = new ServiceApi(port).get(tenant, "/api/v1/uploads/" + uploadId + "/parts?numbers=1-x");

        assertThat(beyondPlan.status()).isEqualTo(400);
        assertThat(beyondPlan.json().get("errors").get(0).get("rule").asString()).isEqualTo("part-number-range");
        assertThat(beyondS3.status()).isEqualTo(400);
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().get("errors").get(0).get("field").asString()).isEqualTo("numbers");
    }

    @Test
    void abortEndsTheSessionAndTheStoreForgetsTheParts() throws Exception {
        String tenant = tenant();
        String uploadId = start(tenant, 10).get("uploadId").asString();
        putPart(partUrls(tenant, uploadId, "1").get(1), new byte[10]);

        ServiceApi.Response aborted = new ServiceApi(port).delete(tenant, "/api/v1/uploads/" + uploadId);

        assertThat(aborted.status()).isEqualTo(204);
        assertThat(new ServiceApi(port).get(tenant, "/api/v1/uploads/" + uploadId).json().get("status").asString())
                .isEqualTo("aborted");
        assertThat(storage.listMultipartUploads(r -> r.bucket("uplink-uploads").prefix("tenants/" + tenant + "/"))
                .uploads()).isEmpty();
        assertThat(new ServiceApi(port).get(tenant, "/api/v1/uploads/" + uploadId + "/parts?numbers=1").status())
                .isEqualTo(409);
    }
}
