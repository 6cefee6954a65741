package io.uplink.acceptance;

import com.sun.net.httpserver.HttpExchange;
import io.uplink.localstack.webhook.DemoWebhookReceiver.VerifiedDelivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tenant backend having a bad day: it fails the first attempt of every webhook — alternately with a 500 and by
 * holding the request past the sender's timeout — and accepts every later attempt, so half of all requests fail and
 * every webhook needs its retry. Signatures are verified on every request; only verified deliveries count.
 */
final class FlakyWebhookBackend implements AutoCloseable {

    private final Duration hold;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final List<VerifiedDelivery> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger firstAttempts = new AtomicInteger();
    private final AtomicInteger answered500 = new AtomicInteger();
    private final AtomicInteger heldPastTimeout = new AtomicInteger();
    private VerifyingWebhookServer server;

    private FlakyWebhookBackend(Duration hold) {
        this.hold = hold;
    }

    /** @param hold how long a "timeout" holds the request: longer than the sender waits */
    static FlakyWebhookBackend start(Duration hold) {
        FlakyWebhookBackend backend = new FlakyWebhookBackend(hold);
        backend.server = VerifyingWebhookServer.start(0, Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "flaky-webhook-backend");
            thread.setDaemon(true);
            return thread;
        }), backend::answer);
        return backend;
    }

    String url() {
        return server.url();
    }

    void trust(String secret) {
        server.trust(secret);
    }

    List<VerifiedDelivery> accepted() {
        return List.copyOf(accepted);
    }

    int requests() {
        return server.requests();
    }

    int answered500() {
        return answered500.get();
    }

    int heldPastTimeout() {
        return heldPastTimeout.get();
    }

    int unverified() {
        return server.unverified();
    }

    private void answer(HttpExchange exchange, String id, byte[] body) throws IOException {
        if (seen.add(id)) {
            if (firstAttempts.incrementAndGet() % 2 == 0) {
                heldPastTimeout.incrementAndGet();
                sleep(hold);
            } else {
                answered500.incrementAndGet();
            }
            exchange.sendResponseHeaders(500, -1);
            return;
        }
        accepted.add(new VerifiedDelivery(id, new String(body, StandardCharsets.UTF_8),
                exchange.getRequestHeaders().getFirst("traceparent")));
        exchange.sendResponseHeaders(204, -1);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
