package io.uplink.gateway.ratelimit;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.uplink.gateway.support.SharedUpstreams.KEYS;
import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest extends GatewayIntegrationTest {

    private String keyWithLimit(double requestsPerSecond, long burst) {
        return KEYS.issueKey("tenant-" + UUID.randomUUID(), List.of(IdentityAssertion.ROLE_TENANT),
                Map.of("rateLimit", Map.of("requestsPerSecond", requestsPerSecond, "burst", burst)));
    }

    @Test
    void throttlesTheTenantThatExhaustsItsBudgetAndNotTheOtherOne() {
        // A slow refill, so that how long the burst takes on a busy machine barely matters.
        String greedy = keyWithLimit(0.2, 5);
        String modest = keyWithLimit(500, 500);
        WebClient http = WebClient.create("http://127.0.0.1:" + port);

        long started = System.nanoTime();
        List<Map.Entry<String, Integer>> outcomes = Flux.range(0, 60)
                .flatMap(i -> {
                    String key = i % 2 == 0 ? greedy : modest;
                    return http.get().uri("/api/v1/uploads/load-" + i).header("Authorization", "Bearer " + key)
                            .exchangeToMono(response -> response.releaseBody()
                                    .thenReturn(Map.entry(key, response.statusCode().value())));
                }, 16)
                .collectList().block(Duration.ofSeconds(30));

        long greedyAllowed = outcomes.stream().filter(o -> o.getKey().equals(greedy) && o.getValue() == 200).count();
        long greedyThrottled = outcomes.stream().filter(o -> o.getKey().equals(greedy) && o.getValue() == 429).count();
        long modestAllowed = outcomes.stream().filter(o -> o.getKey().equals(modest) && o.getValue() == 200).count();
        long refilled = (long) Math.ceil((System.nanoTime() - started) / 1e9 * 0.2);
        assertThat(greedyAllowed).isBetween(5L, 5L + refilled);
        assertThat(greedyAllowed + greedyThrottled).isEqualTo(30);
        assertThat(modestAllowed).isEqualTo(30);
    }

    @Test
    void answersAnEmptyBucketWithProblemJsonRetryAfterAndRemaining() {
        // one token per 10 s: however slowly this machine runs the two requests, the second finds the bucket empty
        String key = keyWithLimit(0.1, 1);
        long started = System.nanoTime();
        client.get().uri("/api/v1/files/x").header("Authorization", "Bearer " + key).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(RateLimitFilter.REMAINING, "0");
        String retryAfter = client.get().uri("/api/v1/files/x").header("Authorization", "Bearer " + key).exchange()
                .expectStatus().isEqualTo(HttpStatusCode.valueOf(429))
                .expectHeader().valueEquals(RateLimitFilter.REMAINING, "0")
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.status").isEqualTo(429)
                .returnResult().getResponseHeaders().getFirst("Retry-After");
        // the wait until the next token: 10 s less whatever has refilled since the first request took the last one
        long elapsedSeconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertThat(Long.parseLong(retryAfter)).isBetween(Math.max(1, 10 - elapsedSeconds - 1), 10L);
    }
}
