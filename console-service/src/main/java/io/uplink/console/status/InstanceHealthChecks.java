package io.uplink.console.status;

import io.uplink.console.ConsoleProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Asks every configured instance for its health, all at once, each with a short timeout: one instance that hangs
 * costs the page at most {@link #TIMEOUT}, not one timeout per instance.
 */
@Component
class InstanceHealthChecks {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final List<ServiceInstance> instances;
    private final HttpClient http;
    private final ObjectMapper json;

    InstanceHealthChecks(ConsoleProperties properties, ObjectMapper json) {
        this.instances = ServiceInstance.parseAll(properties.instances());
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Starts every check; the future completes when the last one answered or timed out, in configured order. */
    CompletableFuture<List<InstanceHealth>> checkAll() {
        List<CompletableFuture<InstanceHealth>> checks = instances.stream().map(this::check).toList();
        return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
                .thenApply(done -> checks.stream().map(CompletableFuture::join).toList());
    }

    boolean configured() {
        return !instances.isEmpty();
    }

    private CompletableFuture<InstanceHealth> check(ServiceInstance instance) {
        HttpRequest request = HttpRequest.newBuilder(instance.healthUrl()).timeout(TIMEOUT)
                .header("Accept", "application/json").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> read(instance, response))
                .exceptionally(failure -> InstanceHealth.unreachable(instance, reason(failure)));
    }

    private InstanceHealth read(ServiceInstance instance, HttpResponse<String> response) {
        JsonNode health;
        try {
            health = json.readTree(response.body());
        } catch (JacksonException notJson) {
            health = null;
        }
        if (health == null || !health.path("status").isString()) {
            // a sign-in redirect, a 404 (whose error body has a numeric status), a proxy's error page
            return new InstanceHealth(instance, HealthStatus.UNKNOWN, List.of(), Map.of(),
                    "HTTP " + response.statusCode() + " without a health report");
        }
        return InstanceHealth.of(instance, health);
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + TIMEOUT.toSeconds() + " s";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
