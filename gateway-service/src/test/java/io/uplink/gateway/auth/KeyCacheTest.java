package io.uplink.gateway.auth;

import io.uplink.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;

import static io.uplink.gateway.support.SharedUpstreams.KEYS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key cache of the shared test context: fresh for 1 s ({@code key-cache-ttl}), served while refreshing until
 * 4 s ({@code key-cache-max-age}), against a real HTTP key registry that can be made slow or failing.
 */
class KeyCacheTest extends GatewayIntegrationTest {

    private static final Duration PAST_REFRESH_TIME = Duration.ofMillis(1_300);

    private List<Integer> concurrently(int requests) {
        WebClient http = WebClient.create("http://127.0.0.1:" + port);
        return Flux.range(0, requests)
                .flatMap(i -> http.get().uri("/api/v1/files/f-" + i).header("Authorization", "Bearer " + tenantKey)
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), requests)
                .collectList()
                .block(Duration.ofSeconds(60));
    }

    private int status() {
        return tenantClient.get().uri("/api/v1/files/x").exchange().returnResult(String.class).getStatus().value();
    }

    @Test
    void servesAKeyPastItsRefreshTimeAtOnceWhileOneLookupRefreshesIt() throws InterruptedException {
        assertThat(status()).isEqualTo(200);
        Thread.sleep(PAST_REFRESH_TIME.toMillis());
        KEYS.delayLookups(5_000);
        int lookupsBefore = KEYS.lookups();

        long started = System.nanoTime();
        List<Integer> statuses = concurrently(10);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(statuses).hasSize(10).containsOnly(200);
        assertThat(took).as("answered from the cache, not after the 5 s lookup").isLessThan(Duration.ofSeconds(5));
        Thread.sleep(500);
        assertThat(KEYS.lookups() - lookupsBefore).as("one background refresh for ten requests").isEqualTo(1);
    }

    @Test
    void keepsServingACachedKeyWhileItsRefreshesFailButNeverPastItsMaxAge() throws InterruptedException {
        assertThat(status()).isEqualTo(200);
        long primed = System.nanoTime();
        Thread.sleep(PAST_REFRESH_TIME.toMillis());
        KEYS.failLookupsWith(500);

        assertThat(status()).as("past refresh time, registry failing").isEqualTo(200);
        assertThat(status()).as("the failed refresh left the cached answer in place").isEqualTo(200);

        Thread.sleep(Math.max(0, Duration.ofMillis(4_300).minusNanos(System.nanoTime() - primed).toMillis()));
        assertThat(status()).as("past max age the key must be verified again, and cannot be").isEqualTo(503);
    }

    @Test
    void aRefreshThatFindsTheKeyRevokedTakesEffectForTheNextRequest() throws InterruptedException {
        assertThat(status()).isEqualTo(200);
        Thread.sleep(PAST_REFRESH_TIME.toMillis());
        KEYS.revoke(tenantKey);

        assertThat(status()).as("served from the cache while the refresh runs").isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        int status;
        while ((status = status()) == 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(status).isEqualTo(401);
    }

    @Test
    void concurrentRequestsWithAnUncachedKeyShareOneLookup() {
        KEYS.delayLookups(1_000);
        int lookupsBefore = KEYS.lookups();

        assertThat(concurrently(10)).hasSize(10).containsOnly(200);
        assertThat(KEYS.lookups() - lookupsBefore).isEqualTo(1);
    }
}
