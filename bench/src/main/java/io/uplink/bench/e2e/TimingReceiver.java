package io.uplink.bench.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.uplink.contracts.EventJson;
import io.uplink.localstack.webhook.StandardWebhookVerifier;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tenant backend that notes when each object's {@code file.created} webhook arrived (monotonic clock of this JVM,
 * the same clock the uploading client reads) and verifies every signature: a figure from unverified deliveries
 * would not be the product's.
 */
final class TimingReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    private final Map<String, Long> arrivalNanosByKey = new ConcurrentHashMap<>();
    private final AtomicInteger rejected = new AtomicInteger();

    private TimingReceiver(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static TimingReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService executor = Executors.newFixedThreadPool(8);
        TimingReceiver receiver = new TimingReceiver(server, executor);
        server.createContext("/hooks", receiver::handle);
        server.setExecutor(executor);
        server.start();
        return receiver;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    void trust(String secret) {
        secrets.add(secret);
    }

    /** When the first verified {@code file.created} for this key arrived ({@link System#nanoTime()}), or null. */
    Long arrivalNanos(String key) {
        return arrivalNanosByKey.get(key);
    }

    int rejected() {
        return rejected.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            var outcome = StandardWebhookVerifier.verify(secrets, exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body, Clock.systemUTC().instant(),
                    StandardWebhookVerifier.DEFAULT_TOLERANCE);
            if (outcome != StandardWebhookVerifier.Outcome.VERIFIED) {
                rejected.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            JsonNode event = EventJson.mapper().readTree(body);
            if ("file.created".equals(event.path("type").asString())) {
                arrivalNanosByKey.putIfAbsent(event.path("data").path("key").asString(), arrived);
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
