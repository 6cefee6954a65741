package io.uplink.callback.delivery;

import io.uplink.callback.ApiClient;
import io.uplink.callback.CallbackServiceTest;
import io.uplink.callback.TestEndpoints;
import io.uplink.callback.delivery.WebhookReceiver.Received;
import io.uplink.callback.delivery.WebhookReceiver.Reply;
import io.uplink.callback.signing.WebhookSecret;
import io.uplink.callback.signing.WebhookVerifier;
import io.uplink.contracts.EventJson;
import io.uplink.contracts.FileData;
import io.uplink.contracts.FileEvent;
import io.uplink.contracts.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@CallbackServiceTest
class WebhookDeliveryTest {

    private static final String BASE = "/api/v1/webhooks/endpoints";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    KafkaTemplate<byte[], byte[]> kafka;

    @Test
    void deliversAFileEventAsASignedWebhookThatVerifiesWithTheEndpointSecret() throws Exception {
        String tenant = TestEndpoints.uniqueTenant("deliver");
        try (WebhookReceiver receiver = new WebhookReceiver("127.0.0.1", n -> Reply.status(200))) {
            Map<String, Object> endpoint = api(tenant).post(BASE, Map.of("url", receiver.url("/hooks/uplink"))).json();
            WebhookSecret secret = new WebhookSecret((String) endpoint.get("secret"));
            FileEvent event = fileCreated(tenant);

            kafka.send(Topics.FILES_EVENTS, event.partitionKey().getBytes(StandardCharsets.UTF_8), EventJson.write(event)).get();

            await().atMost(PATIENCE).until(() -> receiver.received().size() == 1);
            Received webhook = receiver.received().get(0);
            assertThat(webhook.header("webhook-id")).startsWith("msg_");
            assertThat(Long.parseLong(webhook.header("webhook-timestamp")))
                    .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(30L));
            assertThat(webhook.header("content-type")).isEqualTo("application/json");
            assertThat(WebhookVerifier.verifies(webhook.header("webhook-id"), webhook.header("webhook-timestamp"),
                    webhook.header("webhook-signature"), webhook.body(), secret, Instant.now())).isTrue();
            Map<?, ?> body = EventJson.read(webhook.body(), Map.class);
            assertThat(body.get("type")).isEqualTo("file.created");
            assertThat(body.get("timestamp")).isEqualTo(event.occurredAt().toString());
            assertThat(((Map<?, ?>) body.get("data")).get("fileId")).isEqualTo(event.data().fileId());

            UUID deliveryId = await().atMost(PATIENCE).until(() -> finishedDelivery(event.eventId()), id -> id != null);
            Map<String, Object> delivery = jdbc.sql("select * from deliveries where id = ?").param(deliveryId).query().singleRow();
            assertThat(delivery).containsEntry("status", "succeeded").containsEntry("attempt_count", 1)
                    .containsEntry("last_status_code", 200).containsEntry("next_attempt_at", null);
            Map<String, Object> attempt = jdbc.sql("select * from attempts where delivery_id = ?").param(deliveryId).query().singleRow();
            assertThat(attempt).containsEntry("outcome", "succeeded").containsEntry("status_code", 200)
                    .containsEntry("attempt_number", 1).containsEntry("response_snippet", "ok")
                    .containsEntry("error", null);
            assertThat((Integer) attempt.get("latency_ms")).isBetween(0, 2_000);
        }
    }

    @Test
    void eachAttemptSendsItsOwnSpanInTheTraceOfTheEventsRecord() throws Exception {
        String tenant = TestEndpoints.uniqueTenant("traced");
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String relaySpanId = "00f067aa0ba902b7";
        try (WebhookReceiver receiver = new WebhookReceiver("127.0.0.1", n -> Reply.status(n == 0 ? 503 : 204))) {
            createEndpoint(tenant, receiver.url("/traced"));
            FileEvent event = fileCreated(tenant);
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.FILES_EVENTS,
                    event.partitionKey().getBytes(StandardCharsets.UTF_8), EventJson.write(event));
            record.headers().add("traceparent",
                    ("00-" + traceId + "-" + relaySpanId + "-01").getBytes(StandardCharsets.UTF_8));

            kafka.send(record).get();

            await().atMost(PATIENCE).until(() -> receiver.received().size() == 2);
            List<String> traceparents = receiver.received().stream().map(webhook -> webhook.header("traceparent")).toList();
            assertThat(traceparents).allSatisfy(traceparent ->
                    assertThat(traceparent).matches("00-" + traceId + "-[0-9a-f]{16}-01"));
            assertThat(traceparents).as("a span per attempt").doesNotHaveDuplicates()
                    .noneSatisfy(traceparent -> assertThat(traceparent).contains(relaySpanId));
            assertThat(jdbc.sql("select traceparent from messages where event_id = ?").param(event.eventId())
                    .query(String.class).single())
                    .as("the message keeps its consumer span, the attempts' parent")
                    .matches("00-" + traceId + "-[0-9a-f]{16}-01").isNotIn(traceparents);
        }
    }

    @Test
    void anEndpointWhoseSecretDoesNotDecryptIsNotSentToAndHoldsUpNoOtherEndpoint() throws Exception {
        String tenant = TestEndpoints.uniqueTenant("unreadable");
        try (WebhookReceiver good = new WebhookReceiver("127.0.0.1", n -> Reply.status(200));
             WebhookReceiver broken = new WebhookReceiver("127.0.0.1", n -> Reply.status(200))) {
            String readable = (String) api(tenant).post(BASE, Map.of("url", good.url("/hook"))).json().get("id");
            UUID unreadable = UUID.fromString((String) api(tenant).post(BASE, Map.of("url", broken.url("/hook"))).json().get("id"));
            // the other endpoint's value: it does not decrypt for this endpoint
            jdbc.sql("update endpoints set secret = (select secret from endpoints where id = ?) where id = ?")
                    .params(UUID.fromString(readable), unreadable).update();
            FileEvent event = fileCreated(tenant);

            kafka.send(Topics.FILES_EVENTS, event.partitionKey().getBytes(StandardCharsets.UTF_8), EventJson.write(event)).get();

            await().atMost(PATIENCE).until(() -> good.received().size() == 1);
            Thread.sleep(1_000);
            assertThat(broken.received()).isEmpty();
            assertThat(jdbc.sql("select status, attempt_count from deliveries where endpoint_id = ?")
                    .param(unreadable).query().singleRow())
                    .containsEntry("status", "pending").containsEntry("attempt_count", 0);
            jdbc.sql("delete from endpoints where id = ?").param(unreadable).update();
        }
    }

    @Test
    void retriesAFailingEndpointWithTheSameWebhookIdUntilItSucceeds() throws Exception {
        String tenant = TestEndpoints.uniqueTenant("retry");
        try (WebhookReceiver receiver = new WebhookReceiver("127.0.0.1",
                n -> Reply.status(n == 0 ? 500 : n == 1 ? 503 : 204))) {
            String id = createEndpoint(tenant, receiver.url("/flaky"));

            UUID deliveryId = sendTestEvent(tenant, id);

            await().atMost(PATIENCE).until(() -> status(deliveryId).equals("succeeded"));
            assertThat(receiver.received()).hasSize(3);
            assertThat(receiver.received().stream().map(r -> r.header("webhook-id")).distinct()).hasSize(1);
            List<Integer> codes = jdbc.sql("select status_code from attempts where delivery_id = ? order by attempt_number")
                    .param(deliveryId).query(Integer.class).list();
            assertThat(codes).containsExactly(500, 503, 204);
            List<Instant> at = receiver.received().stream().map(Received::at).toList();
            // the compressed schedule is 0s, 300ms, 600ms with 10 % jitter
            assertThat(Duration.between(at.get(0), at.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(250));
            assertThat(Duration.between(at.get(1), at.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        }
    }

    @Test
    void failsTheDeliveryVisiblyAfterTheLastScheduledAttempt() throws Exception {
        String tenant = TestEndpoints.uniqueTenant("exhaust");
        try (WebhookReceiver receiver = new WebhookReceiver("127.0.0.1", n -> new Reply(500, "boom".getBytes(), 0))) {
            String id = createEndpoint(tenant, receiver.url("/down"));

            UUID deliveryId = sendTestEvent(tenant, id);

            await().atMost(PATIENCE).until(() -> status(deliveryId).equals("failed"));
            Thread.sleep(1_000);
            assertThat(receiver.received()).hasSize(3);
            Map<String, Object> delivery = jdbc.sql("select * from deliveries where id = ?").param(deliveryId).query().singleRow();
            assertThat(delivery).containsEntry("attempt_count", 3).containsEntry("next_attempt_at", null)
                    .containsEntry("last_status_code", 500);
            assertThat(jdbc.sql("select response_snippet from attempts where delivery_id = ?").param(deliveryId)
                    .query(String.class).list()).containsExactly("boom", "boom", "boom");
            assertThat(api(tenant).get(BASE + "/" + id).json()).containsEntry("enabled", true);
        }
    }

    @Test
    void disablesTheEndpointWhenItAnswers410Gone() throws Exception {
        String tenant = TestEndpoints.uniqueTenant("gone");
        try (WebhookReceiver receiver = new WebhookReceiver("127.0.0.1", n -> Reply.status(410))) {
            String id = createEndpoint(tenant, receiver.url("/gone"));

            UUID deliveryId = sendTestEvent(tenant, id);

            await().atMost(PATIENCE).until(() -> status(deliveryId).equals("failed"));
            assertThat(receiver.received()).hasSize(1);
            Map<String, Object> endpoint = api(tenant).get(BASE + "/" + id).json();
            assertThat(endpoint).containsEntry("enabled", false);
            assertThat((String) endpoint.get("disabledReason")).contains("410");
        }
    }

    @Test
    void disablesAnEndpointThatHasBeenFailingForFiveDaysWithARecordedReason() throws Exception {
        String tenant = TestEndpoints.uniqueTenant("failing");
        try (WebhookReceiver receiver = new WebhookReceiver("127.0.0.1", n -> Reply.status(502))) {
            String id = createEndpoint(tenant, receiver.url("/failing"));
            jdbc.sql("update endpoints set failing_since = now() - interval '5 days 1 minute' where id = ?")
                    .param(UUID.fromString(id)).update();

            UUID deliveryId = sendTestEvent(tenant, id);

            await().atMost(PATIENCE).until(() -> !(Boolean) api(tenant).get(BASE + "/" + id).json().get("enabled"));
            assertThat((String) api(tenant).get(BASE + "/" + id).json().get("disabledReason"))
                    .startsWith("failing without a success since");
            assertThat(receiver.received()).hasSize(1);
            assertThat(status(deliveryId)).isEqualTo("pending");
        }
    }

    @Test
    void carriesSignaturesByBothTheNewAndThePreviousSecretAfterARotation() throws Exception {
        String tenant = TestEndpoints.uniqueTenant("rotation");
        try (WebhookReceiver receiver = new WebhookReceiver("127.0.0.1", n -> Reply.status(200))) {
            Map<String, Object> created = api(tenant).post(BASE, Map.of("url", receiver.url("/rotating"))).json();
            String id = (String) created.get("id");
            WebhookSecret old = new WebhookSecret((String) created.get("secret"));
            WebhookSecret fresh = new WebhookSecret(
                    (String) api(tenant).post(BASE + "/" + id + "/secret/rotate", null).json().get("secret"));

            sendTestEvent(tenant, id);

            await().atMost(PATIENCE).until(() -> receiver.received().size() == 1);
            Received webhook = receiver.received().get(0);
            String[] signatures = webhook.header("webhook-signature").split(" ");
            assertThat(signatures).hasSize(2);
            for (WebhookSecret secret : List.of(old, fresh)) {
                assertThat(WebhookVerifier.verifies(webhook.header("webhook-id"), webhook.header("webhook-timestamp"),
                        webhook.header("webhook-signature"), webhook.body(), secret, Instant.now())).isTrue();
            }
            assertThat(WebhookVerifier.verifies(webhook.header("webhook-id"), webhook.header("webhook-timestamp"),
                    signatures[0], webhook.body(), fresh, Instant.now())).isTrue();
        }
    }

    @Test
    void refusesToConnectToAForbiddenAddressEvenWhenTheStoredUrlGotPastRegistration() throws Exception {
        String tenant = TestEndpoints.uniqueTenant("stored-literal");
        // a forbidden literal written straight to the table, past registration; DNS rebinding itself, with a name
        // that resolves differently later, is DnsRebindingTest
        try (WebhookReceiver inside = new WebhookReceiver("127.0.0.2", n -> Reply.status(200))) {
            UUID endpointId = new TestEndpoints(jdbc).insert(tenant, inside.url("/internal"), List.of(), true);

            UUID deliveryId = sendTestEvent(tenant, endpointId.toString());

            await().atMost(PATIENCE).until(() -> status(deliveryId).equals("failed"));
            assertThat(inside.received()).isEmpty();
            List<String> errors = jdbc.sql("select error from attempts where delivery_id = ?").param(deliveryId)
                    .query(String.class).list();
            assertThat(errors).hasSize(3).allSatisfy(error -> assertThat(error).contains("blocked", "127.0.0.2", "loopback"));
        }
    }

    @Test
    void aHangingEndpointDoesNotDelayAnotherTenantsEndpoint() throws Exception {
        String slowTenant = TestEndpoints.uniqueTenant("slow");
        String fastTenant = TestEndpoints.uniqueTenant("fast");
        try (WebhookReceiver slow = new WebhookReceiver("127.0.0.1", n -> new Reply(200, "late".getBytes(), 10_000));
             WebhookReceiver fast = new WebhookReceiver("127.0.0.1", n -> Reply.status(200))) {
            String slowId = createEndpoint(slowTenant, slow.url("/slow"));
            String fastId = createEndpoint(fastTenant, fast.url("/fast"));
            for (int i = 0; i < 20; i++) {
                sendTestEvent(slowTenant, slowId);
            }
            await().atMost(PATIENCE).until(() -> slow.received().size() >= 8);

            Instant start = Instant.now();
            for (int i = 0; i < 5; i++) {
                sendTestEvent(fastTenant, fastId);
            }

            await().atMost(Duration.ofSeconds(5)).until(() -> fast.received().size() == 5);
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
            // the slow endpoint never has more than its per-endpoint share in flight
            assertThat(slow.received().size()).isLessThanOrEqualTo(8 + 8);
        }
    }

    @Test
    void honoursTheEndpointRateLimit() throws Exception {
        String tenant = TestEndpoints.uniqueTenant("ratelimit");
        try (WebhookReceiver receiver = new WebhookReceiver("127.0.0.1", n -> Reply.status(200))) {
            String id = (String) api(tenant).post(BASE, Map.of("url", receiver.url("/limited"), "rateLimit", 2))
                    .json().get("id");
            for (int i = 0; i < 6; i++) {
                sendTestEvent(tenant, id);
            }

            await().atMost(PATIENCE).until(() -> receiver.received().size() == 6);
            List<Instant> at = receiver.received().stream().map(Received::at).sorted().toList();
            // a burst of 2, then 2 per second: the sixth cannot arrive before ~2 s after the first
            assertThat(Duration.between(at.get(0), at.get(5))).isGreaterThanOrEqualTo(Duration.ofMillis(1_800));
        }
    }

    @Test
    void keepsAt4KiBOfAHugeResponseAndDoesNotWaitForTheRest() throws Exception {
        String tenant = TestEndpoints.uniqueTenant("huge");
        byte[] huge = new byte[8 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'x');
        try (WebhookReceiver receiver = new WebhookReceiver("127.0.0.1", n -> new Reply(200, huge, 0))) {
            String id = createEndpoint(tenant, receiver.url("/huge"));

            UUID deliveryId = sendTestEvent(tenant, id);

            await().atMost(PATIENCE).until(() -> status(deliveryId).equals("succeeded"));
            String snippet = jdbc.sql("select response_snippet from attempts where delivery_id = ?").param(deliveryId)
                    .query(String.class).single();
            assertThat(snippet).hasSize(4096).matches("x+");
        }
    }

    @Test
    void exposesDeliveryMetrics() throws Exception {
        String tenant = TestEndpoints.uniqueTenant("metrics");
        try (WebhookReceiver receiver = new WebhookReceiver("127.0.0.1", n -> Reply.status(200))) {
            String id = createEndpoint(tenant, receiver.url("/m"));
            UUID deliveryId = sendTestEvent(tenant, id);
            await().atMost(PATIENCE).until(() -> status(deliveryId).equals("succeeded"));

            String prometheus = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();

            assertThat(prometheus).contains("uplink_webhook_attempts_total{outcome=\"succeeded\",status=\"2xx\"}",
                    "uplink_webhook_attempt_duration_seconds_bucket", "uplink_webhook_deliveries_total{status=\"succeeded\"}",
                    "uplink_webhook_queue_depth", "uplink_webhook_queue_oldest_due_age_seconds");
        }
    }

    private ApiClient api(String tenant) {
        return new ApiClient(port, tenant);
    }

    private String createEndpoint(String tenant, String url) {
        return (String) api(tenant).post(BASE, Map.of("url", url)).json().get("id");
    }

    private UUID sendTestEvent(String tenant, String endpointId) {
        ApiClient.Response sent = api(tenant).post(BASE + "/" + endpointId + "/test", null);
        assertThat(sent.status()).isEqualTo(202);
        return UUID.fromString((String) sent.json().get("deliveryId"));
    }

    private String status(UUID deliveryId) {
        return jdbc.sql("select status from deliveries where id = ?").param(deliveryId).query(String.class).single();
    }

    private UUID finishedDelivery(UUID eventId) {
        return jdbc.sql("""
                        select d.id from deliveries d join messages m on m.id = d.message_id
                        where m.event_id = ? and d.status <> 'pending'""")
                .param(eventId).query(UUID.class).optional().orElse(null);
    }

    private static FileEvent fileCreated(String tenant) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        FileData data = new FileData("file_" + UUID.randomUUID(), "uplink-uploads", "tenants/" + tenant + "/k", 10,
                "text/plain", "\"e\"", null, null, "a.txt", Map.of(), "stored", now, null);
        return new FileEvent(UUID.randomUUID(), FileEvent.FILE_CREATED, tenant, now, data);
    }
}
