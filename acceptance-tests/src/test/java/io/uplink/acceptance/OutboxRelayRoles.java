package io.uplink.acceptance;

import io.uplink.contracts.EventJson;
import io.uplink.localstack.LocalStack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What each metadata-service instance's outbox relay is doing, as an operator reads it: the {@code outboxRelay}
 * component of the instance's actuator health ({@code leader}, {@code standby}, {@code stopped}), {@code unreachable}
 * for an instance that does not answer.
 */
final class OutboxRelayRoles {

    static final String LEADER = "leader";
    static final String STANDBY = "standby";
    static final String UNREACHABLE = "unreachable";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private OutboxRelayRoles() {
    }

    static String roleOf(LocalStack suite, String instance) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(suite.serviceUrl(instance) + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            // 503 while not ready still carries the components
            String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
            return EventJson.mapper().readTree(body).path("components").path("outboxRelay").path("details")
                    .path("role").asString(UNREACHABLE);
        } catch (IOException | RuntimeException e) {
            return UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNREACHABLE;
        }
    }

    /** Waits until exactly one of the instances leads; returns it. */
    static String awaitSingleLeader(LocalStack suite, List<String> instances, Duration timeout) {
        return Eventually.await("one outbox relay leader among " + instances, timeout, () -> {
            List<String> leaders = instances.stream().filter(instance -> LEADER.equals(roleOf(suite, instance))).toList();
            return leaders.size() == 1 ? Optional.of(leaders.get(0)) : Optional.empty();
        });
    }
}
