package io.uplink.acceptance;

import io.uplink.contracts.EventJson;
import io.uplink.localstack.LocalStack;
import io.uplink.localstack.webhook.DemoWebhookReceiver.VerifiedDelivery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick start that {@code ./uplink-local} prints, done the way its curl commands do it: only the gateway and the
 * storage are called, with the demo tenant's API key.
 */
class QuickStartTest {

    /** Headers java.net.http sets itself (and refuses to be given); curl sends the same values. */
    private static final Set<String> SET_BY_THE_CLIENT = Set.of("content-length", "host");
    private static final Duration PIPELINE = Duration.ofSeconds(90);

    private static LocalStack suite;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
    }

    @Test
    void theQuickStartUploadIsRecordedAndAnnouncedByAVerifiedWebhook() throws Exception {
        byte[] content = ("hello, uplink " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.UTF_8);

        // 1. ask for an upload credential (a presigned PUT)
        HttpResponse<String> minted = http.send(gateway("/api/v1/uploads")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"filename\":\"hello.txt\",\"contentType\":\"text/plain\",\"size\":" + content.length + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
        JsonNode upload = EventJson.mapper().readTree(minted.body());
        String uploadId = upload.path("uploadId").asString();
        String key = upload.path("key").asString();
        assertThat(upload.path("method").asString()).isEqualTo("PUT");
        assertThat(key).startsWith("tenants/" + suite.demoTenant().tenantId() + "/").endsWith("/hello.txt");

        // 2. upload the bytes straight to storage, with exactly the headers the credential names
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.path("url").asString()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        upload.path("headers").properties().forEach(header -> {
            if (!SET_BY_THE_CLIENT.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                put.header(header.getKey(), header.getValue().asString());
            }
        });
        HttpResponse<String> stored = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);

        // 3. tell Uplink the upload is complete
        HttpResponse<String> completed = http.send(gateway("/api/v1/uploads/" + uploadId + "/complete")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(completed.statusCode()).as(completed.body()).isBetween(200, 299);

        // 4. the file is recorded, and a file.created webhook reaches the demo receiver
        JsonNode file = Eventually.await("the upload in GET /api/v1/files", PIPELINE, () -> listedFile(key));
        assertThat(file.path("size").asLong()).isEqualTo(content.length);
        assertThat(file.path("contentType").asString()).startsWith("text/plain");
        VerifiedDelivery webhook = Eventually.await("a verified file.created webhook for " + key, PIPELINE,
                () -> suite.receiver().deliveries().stream()
                        .filter(delivery -> delivery.body().contains(EventJson.writeString(key)))
                        .findFirst());
        assertThat(webhook.body()).contains("\"type\":\"file.created\"");
    }

    @Test
    void theGatewayRefusesRequestsWithoutTheKey() throws Exception {
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + "/api/v1/files"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    private Optional<JsonNode> listedFile(String key) {
        try {
            HttpResponse<String> listed = http.send(gateway("/api/v1/files").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (listed.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode body = EventJson.mapper().readTree(listed.body());
            for (JsonNode item : body.path("items")) {
                if (key.equals(item.path("key").asString())) {
                    return Optional.of(item);
                }
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private HttpRequest.Builder gateway(String path) {
        return HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + suite.demoTenant().apiKey());
    }
}
