package io.uplink.acceptance;

import io.uplink.contracts.EventJson;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Uplink's only door, as one caller sees it: every request carries that caller's bearer credential (a tenant's API
 * key, or an admin's token from the identity provider). Nothing here talks to a service directly.
 */
final class Gateway {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String baseUrl;
    private final Supplier<String> bearer;

    Gateway(String baseUrl, Supplier<String> bearer) {
        this.baseUrl = baseUrl;
        this.bearer = bearer;
    }

    /**
     * An answer of the gateway; {@link #json()} parses the body (problem details included).
     *
     * @param retryAfter the {@code Retry-After} header (seconds), present on 429 and 503
     */
    record Answer(int status, String body, Optional<Duration> retryAfter) {

        JsonNode json() {
            return EventJson.mapper().readTree(body);
        }

        boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.write(body))));
    }

    Answer post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Answer delete(String path) {
        return send(request(path).DELETE());
    }

    Answer put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(EventJson.write(body))));
    }

    /** Any call, with headers of the caller's choosing on top (a browser's {@code Origin}, say). */
    Answer send(String method, String path, Object body, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(EventJson.write(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return send(request);
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + bearer.get());
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Optional<Duration> retryAfter = response.headers().firstValue("Retry-After")
                    .filter(value -> !value.isEmpty() && value.chars().allMatch(Character::isDigit))
                    .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds)));
            return new Answer(response.statusCode(), response.body(), retryAfter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
