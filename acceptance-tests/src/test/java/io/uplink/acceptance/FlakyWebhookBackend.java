package io.uplink.acceptance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.uplink.localstack.webhook.DemoWebhookReceiver.VerifiedDelivery;
import io.uplink.localstack.webhook.StandardWebhookVerifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tenant backend having a bad day: it fails the first attempt of every webhook — alternately with a 500 and by
 * holding the request past the sender's timeout — and accepts every later attempt, so half of all requests fail and
 * every webhook needs its retry. Signatures are verified on every request; only verified deliveries count.
 */
final class FlakyWebhookBackend implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;
    private final Duration hold;
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final List<VerifiedDelivery> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger firstAttempts = new AtomicInteger();
    private final AtomicInteger answered500 = new AtomicInteger();
    private final AtomicInteger heldPastTimeout = new AtomicInteger();
    private final AtomicInteger unverified = new AtomicInteger();

    private FlakyWebhookBackend(HttpServer server, ExecutorService threads, Duration hold) {
        this.server = server;
        this.threads = threads;
        this.hold = hold;
    }

    /** @param hold how long a "timeout" holds the request: longer than the sender waits */
    static FlakyWebhookBackend start(Duration hold) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "flaky-webhook-backend");
                thread.setDaemon(true);
                return thread;
            });
            FlakyWebhookBackend backend = new FlakyWebhookBackend(server, threads, hold);
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

    List<VerifiedDelivery> accepted() {
        return List.copyOf(accepted);
    }

    int requests() {
        return requests.get();
    }

    int answered500() {
        return answered500.get();
    }

    int heldPastTimeout() {
        return heldPastTimeout.get();
    }

    int unverified() {
        return unverified.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
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
            accepted.add(new VerifiedDelivery(id, new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
        }
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
        server.stop(0);
        threads.shutdownNow();
    }
}
