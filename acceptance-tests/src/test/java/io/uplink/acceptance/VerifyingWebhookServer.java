package io.uplink.acceptance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.uplink.localstack.webhook.StandardWebhookVerifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP side of a scenario's tenant backend: a local server on {@code /webhooks} that reads each request, checks
 * its Standard Webhooks signature against the trusted secrets and answers 401 itself when it does not verify; only
 * verified requests reach the backend's own handler, which answers them.
 */
final class VerifyingWebhookServer implements AutoCloseable {

    /** What the backend does with a verified request; it must send the response. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange, String webhookId, byte[] body) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final Handler handler;
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger unverified = new AtomicInteger();

    private VerifyingWebhookServer(HttpServer server, ExecutorService threads, Handler handler) {
        this.server = server;
        this.threads = threads;
        this.handler = handler;
    }

    /** @param backlog the listen backlog (0: the system default) */
    static VerifyingWebhookServer start(int backlog, ExecutorService threads, Handler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), backlog);
            VerifyingWebhookServer verifying = new VerifyingWebhookServer(server, threads, handler);
            server.createContext("/webhooks", verifying::handle);
            server.setExecutor(threads);
            server.start();
            return verifying;
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

    /** Every request received, verified or not. */
    int requests() {
        return requests.get();
    }

    /** Requests answered 401 because their signature did not verify. */
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
            handler.handle(exchange, id, body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
