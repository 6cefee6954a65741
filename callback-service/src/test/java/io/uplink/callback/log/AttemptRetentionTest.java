package io.uplink.callback.log;

import io.uplink.callback.ApiClient;
import io.uplink.callback.CallbackServiceTest;
import io.uplink.callback.TestEndpoints;
import io.uplink.callback.delivery.WebhookReceiver;
import io.uplink.callback.delivery.WebhookReceiver.Reply;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Attempts are kept for {@code uplink.callback.retention.attempts}, then deleted; the deliveries stay. */
@CallbackServiceTest
class AttemptRetentionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LogRepository repository;

    @Test
    void deletesAttemptsOlderThanTheRetentionAndKeepsNewerOnesAndEveryDelivery() throws Exception {
        String tenant = TestEndpoints.uniqueTenant("retention");
        ApiClient api = new ApiClient(port, tenant);
        try (WebhookReceiver receiver = new WebhookReceiver("127.0.0.1", n -> Reply.status(200))) {
            String endpointId = (String) api.post("/api/v1/webhooks/endpoints",
                    Map.of("url", receiver.url("/retention"))).json().get("id");
            UUID old = messageOfTestEvent(api, endpointId);
            UUID recent = messageOfTestEvent(api, endpointId);
            await().atMost(PATIENCE).until(() -> attemptsOf(old) == 1 && attemptsOf(recent) == 1);
            jdbc.sql("update attempts set attempted_at = now() - interval '31 days' where message_id = ?")
                    .param(old).update();

            new AttemptRetention(repository, Duration.ofDays(30)).purge();

            assertThat(attemptsOf(old)).isZero();
            assertThat(attemptsOf(recent)).isEqualTo(1);
            assertThat(jdbc.sql("select status from deliveries where message_id = any (?)")
                    .param(new UUID[]{old, recent}).query(String.class).list())
                    .isEqualTo(List.of("succeeded", "succeeded"));
        }
    }

    private static UUID messageOfTestEvent(ApiClient api, String endpointId) throws Exception {
        return UUID.fromString((String) api.post("/api/v1/webhooks/endpoints/" + endpointId + "/test", null)
                .json().get("messageId"));
    }

    private long attemptsOf(UUID messageId) {
        return jdbc.sql("select count(*) from attempts where message_id = ?").param(messageId).query(Long.class).single();
    }
}
