package io.uplink.acceptance;

import com.sun.net.httpserver.HttpExchange;
import io.uplink.contracts.EventJson;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tenant backend built for volume: verifies the Standard Webhooks signature of every request (401 otherwise),
 * acknowledges at once, and keeps only tallies — the webhook-ids accepted per object key and how often each id was
 * accepted — so 100,000 deliveries cost a few megabytes, not a list of bodies.
 */
final class CountingWebhookBackend implements AutoCloseable {

    private final Map<String, Set<String>> webhookIdsPerKey = new ConcurrentHashMap<>();
    private final Map<String, Integer> acceptedPerWebhookId = new ConcurrentHashMap<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private VerifyingWebhookServer server;

    private CountingWebhookBackend() {
    }

    static CountingWebhookBackend start() {
        CountingWebhookBackend backend = new CountingWebhookBackend();
        backend.server = VerifyingWebhookServer.start(256, Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "counting-webhook-backend");
            thread.setDaemon(true);
            return thread;
        }), backend::count);
        return backend;
    }

    String url() {
        return server.url();
    }

    void trust(String secret) {
        server.trust(secret);
    }

    /** Object keys announced by at least one verified webhook. */
    int announcedKeys() {
        return webhookIdsPerKey.size();
    }

    int accepted() {
        return accepted.get();
    }

    int unverified() {
        return server.unverified();
    }

    Map<String, Set<String>> webhookIdsPerKey() {
        return Map.copyOf(webhookIdsPerKey);
    }

    Map<String, Integer> acceptedPerWebhookId() {
        return Map.copyOf(acceptedPerWebhookId);
    }

    private void count(HttpExchange exchange, String id, byte[] body) throws IOException {
        String key = EventJson.mapper().readTree(body).path("data").path("key").asString("");
        webhookIdsPerKey.computeIfAbsent(key, ignored -> ConcurrentHashMap.newKeySet()).add(id);
        acceptedPerWebhookId.merge(id, 1, Integer::sum);
        accepted.incrementAndGet();
        exchange.sendResponseHeaders(204, -1);
    }

    @Override
    public void close() {
        server.close();
    }
}
