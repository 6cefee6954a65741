package io.uplink.localstack.webhook;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class DemoWebhookReceiverTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final HttpClient client = HttpClient.newHttpClient();
    private DemoWebhookReceiver receiver;

    @BeforeEach
    void start() throws IOException {
        receiver = DemoWebhookReceiver.start(0, new PrintStream(log, true, StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC));
        receiver.trust(SECRET);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void acceptsAndLogsADeliverySignedWithTheEndpointSecret() throws Exception {
        String body = "{\"type\":\"file.created\",\"timestamp\":\"2026-01-02T03:04:05Z\",\"data\":{\"key\":\"tenants/demo/hello.txt\",\"size\":14}}";

        HttpResponse<String> response = deliver("msg_1", NOW.getEpochSecond(),
                StandardWebhookVerifier.sign(SECRET, "msg_1", NOW.getEpochSecond(), body.getBytes(StandardCharsets.UTF_8)), body);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(receiver.verifiedDeliveries()).isEqualTo(1);
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("verified file.created tenants/demo/hello.txt (14 bytes) (webhook-id msg_1)");
    }

    @Test
    void answers401ToAForgedOrUnsignedDelivery() throws Exception {
        String body = "{\"type\":\"file.created\",\"data\":{}}";
        String otherSecret = "whsec_" + java.util.Base64.getEncoder().encodeToString("not-the-endpoint-secret-32-bytes".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> forged = deliver("msg_2", NOW.getEpochSecond(),
                StandardWebhookVerifier.sign(otherSecret, "msg_2", NOW.getEpochSecond(), body.getBytes(StandardCharsets.UTF_8)), body);
        HttpResponse<String> unsigned = client.send(HttpRequest.newBuilder(URI.create(receiver.url()))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(receiver.verifiedDeliveries()).isZero();
        assertThat(receiver.rejectedDeliveries()).isEqualTo(2);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("REJECTED delivery msg_2: SIGNATURE_MISMATCH");
    }

    @Test
    void rejectsAReplayedDeliveryWithAnOldTimestamp() throws Exception {
        String body = "{\"type\":\"file.deleted\",\"data\":{}}";
        long anHourAgo = NOW.minusSeconds(3600).getEpochSecond();

        HttpResponse<String> response = deliver("msg_3", anHourAgo,
                StandardWebhookVerifier.sign(SECRET, "msg_3", anHourAgo, body.getBytes(StandardCharsets.UTF_8)), body);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("TIMESTAMP_OUT_OF_TOLERANCE");
    }

    private HttpResponse<String> deliver(String id, long timestamp, String signature, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(receiver.url()))
                        .header("Content-Type", "application/json")
                        .header("webhook-id", id)
                        .header("webhook-timestamp", String.valueOf(timestamp))
                        .header("webhook-signature", signature)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
