package io.uplink.acceptance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.uplink.contracts.EventJson;
import io.uplink.localstack.webhook.StandardWebhookVerifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tenant backend built for volume: verifies the Standard Webhooks signature of every request (401 otherwise),
 * acknowledges at once, and keeps only tallies — the webhook-ids accepted per object key and how often each id was
 * accepted — so 100,000 deliveries cost a few megabytes, not a list of bodies.
 */
final class CountingWebhookBackend implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    private final Map<String, Set<String>> webhookIdsPerKey = new ConcurrentHashMap<>();
    private final Map<String, Integer> acceptedPerWebhookId = new ConcurrentHashMap<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger unverified = new AtomicInteger();

    private CountingWebhookBackend(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    static CountingWebhookBackend start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            ExecutorService threads = Executors.newFixedThreadPool(8, runnable -> {
                Thread thread = new Thread(runnable, "counting-webhook-backend");
                thread.setDaemon(true);
                return thread;
            });
            CountingWebhookBackend backend = new CountingWebhookBackend(server, threads);
            server.createContext("/webhooks", backend::handle);
            server.setExecutor(threads);
            server.start();
            return backend;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks";
    }

    void trust(String secret) {
        secrets.add(secret);
    }

    /** Object keys announced by at least one verified webhook. */
    int announcedKeys() {
        return webhookIdsPerKey.size();
    }

    int accepted() {
        return accepted.get();
    }

    int unverified() {
        return unverified.get();
    }

    Map<String, Set<String>> webhookIdsPerKey() {
        return Map.copyOf(webhookIdsPerKey);
    }

    Map<String, Integer> acceptedPerWebhookId() {
        return Map.copyOf(acceptedPerWebhookId);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            StandardWebhookVerifier.Outcome outcome = StandardWebhookVerifier.verify(secrets, id,
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"),
                    body, Instant.now(), StandardWebhookVerifier.DEFAULT_TOLERANCE);
            if (outcome != StandardWebhookVerifier.Outcome.VERIFIED) {
                unverified.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String key = EventJson.mapper().readTree(body).path("data").path("key").asString("");
            webhookIdsPerKey.computeIfAbsent(key, ignored -> ConcurrentHashMap.newKeySet()).add(id);
            acceptedPerWebhookId.merge(id, 1, Integer::sum);
            accepted.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
