package io.uplink.acceptance;

import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The object store as a tenant's browser or app reaches it: with nothing but the URLs, headers and form fields
 * Uplink handed out. Uplink is not in this path at all.
 */
final class ObjectStore {

    /** Headers java.net.http sets itself and refuses to be given; every client sends the same values. */
    private static final Set<String> SET_BY_THE_CLIENT = Set.of("content-length", "host");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** What the store answered to an upload. */
    record Stored(int status, String etag, String body) {

        boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    /** A presigned PUT (the whole object, or one part), sending exactly the signed headers. */
    Stored put(String url, JsonNode signedHeaders, InputStream content, long length) {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(2))
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> content), length));
        signedHeaders.properties().forEach(header -> {
            if (!SET_BY_THE_CLIENT.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                put.header(header.getKey(), header.getValue().asString());
            }
        });
        return send(put.build());
    }

    /**
     * A browser form upload: {@code multipart/form-data} POST to the bucket URL with the policy's fields in order and
     * the file last, as an HTML form or Uppy sends it.
     */
    Stored postForm(String bucketUrl, Map<String, String> fields, String filename, String contentType, byte[] content) {
        String boundary = "----uplink-acceptance-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n"));
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        body.writeBytes(content);
        write(body, "\r\n--" + boundary + "--\r\n");
        return send(HttpRequest.newBuilder(URI.create(bucketUrl))
                .timeout(Duration.ofMinutes(1))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    }

    /** A presigned GET, read as a stream (large objects are never held in memory). */
    InputStream get(String url) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofMinutes(2)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String problem;
                try (InputStream body = response.body()) {
                    problem = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                }
                throw new AssertionError("GET from the store answered " + response.statusCode() + ": " + problem);
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Stored send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Stored(response.statusCode(), response.headers().firstValue("ETag").orElse(null), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
