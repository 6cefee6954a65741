package io.uplink.acceptance;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant's app uploading one large file in parts, the way a resumable client does it: everything it knows lives in
 * this object, so dropping the object is a crash. {@link #resume} is the restarted client that knows only the
 * upload id and asks Uplink which parts the store already holds.
 */
final class MultipartUploader {

    private final Gateway gateway;
    private final ObjectStore store;
    private final GeneratedContent content;
    private final String uploadId;
    private final long partSize;
    private final int partCount;
    /** The ETag of every part this client knows to be stored. */
    private final Map<Integer, String> etags = new TreeMap<>();

    private MultipartUploader(Gateway gateway, ObjectStore store, GeneratedContent content, String uploadId,
                              long partSize, int partCount) {
        this.gateway = gateway;
        this.store = store;
        this.content = content;
        this.uploadId = uploadId;
        this.partSize = partSize;
        this.partCount = partCount;
    }

    /** The grant of {@code POST /api/v1/uploads} for a MULTIPART upload. */
    static MultipartUploader startedWith(JsonNode grant, Gateway gateway, ObjectStore store, GeneratedContent content) {
        assertThat(grant.path("method").asString()).isEqualTo("MULTIPART");
        return new MultipartUploader(gateway, store, content, grant.path("uploadId").asString(),
                grant.path("partSize").asLong(), grant.path("partCount").asInt());
    }

    /** A fresh client that remembers nothing but the upload id: it learns the plan and the stored parts from Uplink. */
    static MultipartUploader resume(String uploadId, Gateway gateway, ObjectStore store, GeneratedContent content) {
        JsonNode state = state(gateway, uploadId);
        assertThat(state.path("status").asString()).isEqualTo("pending");
        MultipartUploader resumed = new MultipartUploader(gateway, store, content, uploadId,
                state.path("partSize").asLong(), state.path("partCount").asInt());
        for (JsonNode part : state.path("parts")) {
            resumed.etags.put(part.path("partNumber").asInt(), part.path("etag").asString());
        }
        return resumed;
    }

    static JsonNode state(Gateway gateway, String uploadId) {
        Gateway.Answer state = gateway.get("/api/v1/uploads/" + uploadId);
        assertThat(state.status()).as(state.body()).isEqualTo(200);
        return state.json();
    }

    int partCount() {
        return partCount;
    }

    List<Integer> knownParts() {
        return List.copyOf(etags.keySet());
    }

    List<Integer> missingParts() {
        List<Integer> missing = new ArrayList<>();
        for (int n = 1; n <= partCount; n++) {
            if (!etags.containsKey(n)) {
                missing.add(n);
            }
        }
        return missing;
    }

    /** Asks Uplink for presigned part URLs and PUTs each part's bytes straight to the store. */
    void uploadParts(List<Integer> numbers) {
        Gateway.Answer urls = gateway.get("/api/v1/uploads/" + uploadId + "/parts?numbers="
                + numbers.stream().map(String::valueOf).collect(Collectors.joining(",")));
        assertThat(urls.status()).as(urls.body()).isEqualTo(200);
        for (JsonNode part : urls.json().path("parts")) {
            int number = part.path("partNumber").asInt();
            long offset = (number - 1) * partSize;
            long length = Math.min(partSize, content.size() - offset);
            assertThat(part.path("size").asLong()).as("planned size of part %d", number).isEqualTo(length);
            ObjectStore.Stored stored = store.put(part.path("url").asString(), part.path("headers"),
                    content.slice(offset, length), length);
            assertThat(stored.isSuccess()).as("part %d: %s %s", number, stored.status(), stored.body()).isTrue();
            etags.put(number, stored.etag());
        }
    }

    /** Completes with the ETags of every part, as S3 clients do. */
    Gateway.Answer complete() {
        List<Map<String, Object>> parts = etags.entrySet().stream()
                .map(part -> Map.<String, Object>of("partNumber", part.getKey(), "etag", part.getValue())).toList();
        return gateway.post("/api/v1/uploads/" + uploadId + "/complete", Map.of("parts", parts));
    }
}
