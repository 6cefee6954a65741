package io.uplink.callback.log;

import io.uplink.callback.ApiClient;
import io.uplink.callback.CallbackServiceTest;
import io.uplink.callback.TestEndpoints;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@CallbackServiceTest
class DeliveryLogApiTest {

    // generous: on 2 shared cores under parallel builds a compressed retry schedule still takes seconds per step
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    @SuppressWarnings("unchecked")
    void showsEveryFailedAttemptAndRecoversTheEndpointOnceTheReceiverIsFixed() throws Exception {
        String tenant = TestEndpoints.uniqueTenant("logs");
        ApiClient api = new ApiClient(port, tenant);
        AtomicInteger answer = new AtomicInteger(500);
        List<String> webhookIds = new CopyOnWriteArrayList<>();
        HttpServer receiver = receiver(answer, webhookIds);
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            String endpointId = (String) api.post("/api/v1/webhooks/endpoints", Map.of("url", url)).json().get("id");
            Instant before = Instant.now().minusSeconds(1);
            Map<String, Object> sent = api.post("/api/v1/webhooks/endpoints/" + endpointId + "/test", null).json();
            String messageId = (String) sent.get("messageId");
            await().atMost(PATIENCE).until(() -> "failed".equals(deliveryStatus(messageId)));

            Map<String, Object> attempts = api.get("/api/v1/webhooks/attempts?endpointId=" + endpointId
                    + "&outcome=failed&limit=2").json();
            List<Map<String, Object>> firstPage = (List<Map<String, Object>>) attempts.get("data");
            assertThat(firstPage).hasSize(2).allSatisfy(attempt -> assertThat(attempt)
                    .containsEntry("statusCode", 500).containsEntry("outcome", "failed")
                    .containsEntry("messageId", messageId).containsEntry("responseSnippet", "nope"));
            Map<String, Object> secondPage = api.get("/api/v1/webhooks/attempts?endpointId=" + endpointId
                    + "&outcome=failed&limit=2&cursor=" + attempts.get("nextCursor")).json();
            assertThat((List<?>) secondPage.get("data")).hasSize(1);
            assertThat(secondPage.get("nextCursor")).isNull();
            assertThat((List<?>) api.get("/api/v1/webhooks/attempts?endpointId=" + endpointId + "&outcome=succeeded")
                    .json().get("data")).isEmpty();

            Map<String, Object> detail = api.get("/api/v1/webhooks/messages/" + messageId).json();
            assertThat(((Map<String, Object>) detail.get("message")).get("eventType")).isEqualTo("file.created");
            assertThat((List<Map<String, Object>>) detail.get("deliveries")).singleElement()
                    .satisfies(delivery -> assertThat(delivery).containsEntry("status", "failed")
                            .containsEntry("attemptCount", 3).containsEntry("lastStatusCode", 500));

            answer.set(200);
            Map<String, Object> recovered = api.post("/api/v1/webhooks/endpoints/" + endpointId + "/recover",
                    Map.of("since", before.toString())).json();
            assertThat(recovered).containsEntry("deliveries", 1);
            await().atMost(PATIENCE).until(() -> "succeeded".equals(deliveryStatus(messageId)));

            Map<String, Object> resent = api.post("/api/v1/webhooks/messages/" + messageId + "/resend", null).json();
            assertThat(resent).containsEntry("deliveries", 1);
            await().atMost(PATIENCE).until(() -> webhookIds.size() == 5);
            assertThat(webhookIds.stream().distinct()).hasSize(1);

            ApiClient stranger = new ApiClient(port, TestEndpoints.uniqueTenant("stranger"));
            assertThat(stranger.get("/api/v1/webhooks/messages/" + messageId).status()).isEqualTo(404);
            assertThat(stranger.post("/api/v1/webhooks/messages/" + messageId + "/resend", null).status()).isEqualTo(404);
            assertThat((List<?>) stranger.get("/api/v1/webhooks/attempts").json().get("data")).isEmpty();
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsMessagesNewestFirstPageByPageAndFiltersByType() {
        String tenant = TestEndpoints.uniqueTenant("msglist");
        ApiClient api = new ApiClient(port, tenant);
        String endpointId = (String) api.post("/api/v1/webhooks/endpoints", Map.of("url", "http://127.0.0.1:1/x"))
                .json().get("id");
        List<String> sent = new ArrayList<>();
        for (String type : List.of("file.created", "file.deleted", "file.created")) {
            sent.add((String) api.post("/api/v1/webhooks/endpoints/" + endpointId + "/test",
                    Map.of("eventType", type)).json().get("messageId"));
        }

        List<Object> seen = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = api.get("/api/v1/webhooks/messages?limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            ((List<Map<String, Object>>) page.get("data")).forEach(message -> seen.add(message.get("id")));
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);
        assertThat(seen).containsExactly(sent.get(2), sent.get(1), sent.get(0));

        List<Map<String, Object>> deleted = (List<Map<String, Object>>) api
                .get("/api/v1/webhooks/messages?eventType=file.deleted").json().get("data");
        assertThat(deleted).singleElement().satisfies(message -> assertThat(message).containsEntry("id", sent.get(1)));
        assertThat(api.get("/api/v1/webhooks/messages?cursor=garbage").status()).isEqualTo(400);
        for (String limit : List.of("-1", "0", "101", "1000000")) {
            assertThat(api.get("/api/v1/webhooks/messages?limit=" + limit).status()).as("limit %s", limit).isEqualTo(400);
            assertThat(api.get("/api/v1/webhooks/attempts?limit=" + limit).status()).as("limit %s", limit).isEqualTo(400);
        }
        assertThat(api.get("/api/v1/webhooks/messages?limit=100").status()).isEqualTo(200);
    }

    private String deliveryStatus(String messageId) {
        return jdbc.sql("select status from deliveries where message_id = ?").param(UUID.fromString(messageId))
                .query(String.class).single();
    }

    private static HttpServer receiver(AtomicInteger answer, List<String> webhookIds) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            webhookIds.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            byte[] body = answer.get() == 200 ? "ok".getBytes() : "nope".getBytes();
            exchange.sendResponseHeaders(answer.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
