import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A tenant's backend, as small as it gets: it serves the upload page and mints an upload token for the user of the
 * page with the tenant's API key, which never leaves this process. A real backend first checks who its user is
 * (its own session) and names that user as the token's subject.
 *
 * <pre>UPLINK=http://localhost:8080 UPLINK_KEY=upk_local_… java ExampleBackend.java</pre>
 *
 * Environment: UPLINK (the gateway), UPLINK_KEY (the tenant's API key), PORT (default 5173; 0 picks a free one),
 * UPLINK_SUBJECT (the user's id, default demo-user), UPLINK_MAX_FILE_BYTES (default 104857600).
 */
public final class ExampleBackend {

    private static final Map<String, String> TYPES = Map.of(".html", "text/html; charset=utf-8",
            ".js", "text/javascript; charset=utf-8", ".mjs", "text/javascript; charset=utf-8",
            ".css", "text/css; charset=utf-8");

    public static void main(String[] args) throws IOException {
        String gateway = required("UPLINK").replaceAll("/+$", "");
        String apiKey = required("UPLINK_KEY");
        String subject = System.getenv().getOrDefault("UPLINK_SUBJECT", "demo-user");
        long maxFileBytes = Long.parseLong(System.getenv().getOrDefault("UPLINK_MAX_FILE_BYTES", "104857600"));
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "5173"));
        // run from this folder (java ExampleBackend.java), or name it with -Duplink.example.root=…
        Path root = Path.of(System.getProperty("uplink.example.root", ".")).resolve("public").toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("vendor/uppy/uppy.min.mjs"))) {
            System.err.println("Uppy is missing: run ./fetch-uppy first (it puts Uppy's published bundle in public/vendor)");
            System.exit(2);
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/upload-token", exchange -> {
            try (exchange) {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    send(exchange, 405, "text/plain", "POST only".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                String origin = "http://" + exchange.getRequestHeaders().getFirst("Host");
                String body = """
                        {"subject":"%s","maxFileBytes":%d,"maxFiles":20,"origins":["%s"],
                         "metadata":{"uploaded-from":"browser-upload-example"}}""".formatted(subject, maxFileBytes, origin);
                HttpResponse<String> minted = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/upload-tokens"))
                                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                String answer = minted.statusCode() == 201
                        ? minted.body().replaceFirst("\\{", "{\"gateway\":\"" + gateway + "\",")
                        : minted.body();
                send(exchange, minted.statusCode() == 201 ? 200 : 502, "application/json",
                        answer.getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                Path file = root.resolve(switch (path) {
                    case "/" -> "index.html";
                    // Golden Retriever's service worker, at the root so that it may control the whole page
                    case "/sw.js" -> "vendor/uppy/golden-retriever-sw.js";
                    default -> path.substring(1);
                }).normalize();
                if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                    send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                String name = file.getFileName().toString();
                String type = TYPES.getOrDefault(name.substring(Math.max(0, name.lastIndexOf('.'))), "application/octet-stream");
                send(exchange, 200, type, Files.readAllBytes(file));
            }
        });
        server.start();
        System.out.println("browser-upload example: open http://127.0.0.1:" + server.getAddress().getPort() + "/"
                + " (or http://localhost:" + server.getAddress().getPort() + "/)");
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            System.err.println(name + " is not set; see the README");
            System.exit(2);
        }
        return value;
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
