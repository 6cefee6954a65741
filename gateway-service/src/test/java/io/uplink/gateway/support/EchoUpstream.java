package io.uplink.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 standing in for an Uplink service: it answers every request with a JSON echo of
 * what it received (method, path, query, headers, body, its own name), unless a path prefix has its own handler.
 */
public final class EchoUpstream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Answers one request; returning null falls through to the echo. */
    @FunctionalInterface
    public interface Handler {
        Response handle(String method, String path, Map<String, List<String>> headers, String body);
    }

    public record Response(int status, String contentType, String body, Map<String, String> headers) {
        public static Response json(int status, Object body) {
            return new Response(status, "application/json", JSON.writeValueAsString(body), Map.of());
        }
    }

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile long delayMillis;
    private volatile long healthDelayMillis;
    private volatile int healthStatus = 200;
    private final AtomicInteger healthProbes = new AtomicInteger();
    private volatile int forcedStatus;

    private EchoUpstream(String name, HttpServer server) {
        this.name = name;
        this.server = server;
    }

    public static EchoUpstream start(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            EchoUpstream upstream = new EchoUpstream(name, server);
            server.createContext("/", upstream::serve);
            server.setExecutor(upstream.executor);
            server.start();
            return upstream;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://" + address();
    }

    /** {@code host:port}, as the load balancer names the instance. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String name() {
        return name;
    }

    public int requestCount() {
        return requests.get();
    }

    public void handle(String pathPrefix, Handler handler) {
        handlers.put(pathPrefix, handler);
    }

    /** Makes every echo answer late, to exercise response timeouts. */
    public void delay(long millis) {
        this.delayMillis = millis;
    }

    /** Makes health probes answer late (the rest answers on time), like an instance saturated by other work. */
    public void delayHealth(long millis) {
        this.healthDelayMillis = millis;
    }

    /** Makes health probes answer this status (200 restores), like an instance that says it takes no traffic. */
    public void answerHealthWith(int status) {
        this.healthStatus = status;
    }

    /** Health probes received so far. */
    public int healthProbeCount() {
        return healthProbes.get();
    }

    /** Makes every echo answer with this status (0 restores 200), to exercise failure handling. */
    public void failWith(int status) {
        this.forcedStatus = status;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v));
            if (path.startsWith("/actuator/health")) {
                healthProbes.incrementAndGet();
                if (healthDelayMillis > 0) {
                    Thread.sleep(healthDelayMillis);
                }
                int status = healthStatus;
                write(exchange, Response.json(status, Map.of("status", status == 200 ? "UP" : "OUT_OF_SERVICE")));
                return;
            }
            requests.incrementAndGet();
            for (var entry : handlers.entrySet()) {
                if (path.startsWith(entry.getKey())) {
                    Response response = entry.getValue().handle(exchange.getRequestMethod(), path, headers, body);
                    if (response != null) {
                        write(exchange, response);
                        return;
                    }
                }
            }
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("upstream", name);
            echo.put("method", exchange.getRequestMethod());
            echo.put("path", path);
            echo.put("query", exchange.getRequestURI().getRawQuery());
            echo.put("headers", headers);
            echo.put("body", body);
            write(exchange, Response.json(forcedStatus > 0 ? forcedStatus : 200, echo));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(HttpExchange exchange, Response response) throws IOException {
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    /** Stops accepting connections at once, like a killed process. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
