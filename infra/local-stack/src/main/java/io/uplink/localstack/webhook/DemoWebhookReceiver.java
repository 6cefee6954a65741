package io.uplink.localstack.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.uplink.contracts.EventJson;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tenant backend of the demo: receives the demo tenant's webhooks on {@code POST /webhooks}, verifies each
 * Standard Webhooks signature and logs the verified ones. Answers 204 when verified and 401 otherwise, so
 * callback-service's delivery log shows the difference.
 */
public final class DemoWebhookReceiver implements AutoCloseable {

    public static final String PATH = "/webhooks";
    private static final int MAX_BODY_BYTES = 1 << 20;

    private final HttpServer server;
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    private final PrintStream log;
    private final Clock clock;
    private final AtomicInteger verified = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final List<VerifiedDelivery> deliveries = new CopyOnWriteArrayList<>();

    /** A delivery whose signature verified: what a tenant's backend would act on. */
    /** @param traceparent the request's W3C trace context (the delivery attempt's span); null when it had none */
    public record VerifiedDelivery(String webhookId, String body, String traceparent) {

        /** The trace the delivery belongs to: follow the upload in every service's log by it. */
        public String traceId() {
            return traceparent == null || traceparent.length() < 35 ? null : traceparent.substring(3, 35);
        }
    }

    private DemoWebhookReceiver(HttpServer server, PrintStream log, Clock clock) {
        this.server = server;
        this.log = log;
        this.clock = clock;
    }

    public static DemoWebhookReceiver start(int port, PrintStream log, Clock clock) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        DemoWebhookReceiver receiver = new DemoWebhookReceiver(server, log, clock);
        server.createContext(PATH, receiver::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "demo-webhook-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return receiver;
    }

    /** Accept signatures made with this secret from now on. */
    public void trust(String secret) {
        if (!secrets.contains(secret)) {
            secrets.add(secret);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    public int verifiedDeliveries() {
        return verified.get();
    }

    /** Every verified delivery so far, in arrival order (redeliveries keep their webhook-id). */
    public List<VerifiedDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    public int rejectedDeliveries() {
        return rejected.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (body.length > MAX_BODY_BYTES) {
                exchange.sendResponseHeaders(413, -1);
                return;
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            StandardWebhookVerifier.Outcome outcome = StandardWebhookVerifier.verify(secrets, id,
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"),
                    body, clock.instant(), StandardWebhookVerifier.DEFAULT_TOLERANCE);
            if (outcome == StandardWebhookVerifier.Outcome.VERIFIED) {
                verified.incrementAndGet();
                VerifiedDelivery delivery = new VerifiedDelivery(id, new String(body, StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst("traceparent"));
                deliveries.add(delivery);
                log.println("webhook    | verified " + describe(body) + " (webhook-id " + id
                        + (delivery.traceId() == null ? "" : ", trace " + delivery.traceId()) + ")");
                exchange.sendResponseHeaders(204, -1);
            } else {
                rejected.incrementAndGet();
                log.println("webhook    | REJECTED delivery " + id + ": " + outcome);
                exchange.sendResponseHeaders(401, -1);
            }
        }
    }

    private static String describe(byte[] body) {
        try {
            JsonNode event = EventJson.mapper().readTree(body);
            JsonNode data = event.path("data");
            String key = data.path("key").asString("");
            return event.path("type").asString("event") + (key.isEmpty() ? "" : " " + key)
                    + (data.has("size") ? " (" + data.path("size").asLong() + " bytes)" : "");
        } catch (RuntimeException e) {
            return new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
