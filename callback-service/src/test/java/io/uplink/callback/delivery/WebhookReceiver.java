package io.uplink.callback.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/** A tenant's backend on this machine: records every webhook it receives and answers as the test scripts it. */
public final class WebhookReceiver implements AutoCloseable {

    record Received(Map<String, String> headers, byte[] body, Instant at) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** @param hangMillis wait this long before answering (a slow or dead receiver) */
    public record Reply(int status, byte[] body, long hangMillis) {

        public static Reply status(int status) {
            return new Reply(status, "ok".getBytes(), 0);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final IntFunction<Reply> script;
    private final java.util.concurrent.ExecutorService threads = Executors.newCachedThreadPool();

    /** @param script the reply to the n-th request (0-based) */
    public WebhookReceiver(String bindAddress, IntFunction<Reply> script) throws IOException {
        this.script = script;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bindAddress), 0), 50);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + path;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), e -> String.join(",", e.getValue()),
                            (a, b) -> a));
            received.add(new Received(headers, body, Instant.now()));
            Reply reply = script.apply(count.getAndIncrement());
            if (reply.hangMillis() > 0) {
                Thread.sleep(reply.hangMillis());
            }
            if (reply.status() < 0) {
                // a connection reset: drop the exchange without any response
                exchange.getResponseBody().close();
                return;
            }
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            if (reply.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the sender gave up on us (timeout, or it stopped reading a huge body): that is its right
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
