package io.uplink.gateway.tenant;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys with a value and keys without one are bounded apart: made-up keys never push out real ones. */
class ExpiringCacheBoundsTest {

    private final ExpiringCache<String> cache = new ExpiringCache<>(Clock.systemUTC(), Duration.ofMinutes(1),
            Duration.ofMinutes(1), Duration.ofMinutes(1), 10, 100);
    private final AtomicInteger lookups = new AtomicInteger();

    private Optional<String> get(String key) {
        return cache.get(key, k -> {
            lookups.incrementAndGet();
            return k.startsWith("valid") ? Mono.just("value of " + k) : Mono.empty();
        }).block();
    }

    @Test
    void aFloodOfUnknownKeysNeverPushesOutAKnownOne() {
        assertThat(get("valid-1")).contains("value of valid-1");

        // more than any single bound a cache of every key together could have
        for (int i = 0; i < 150_000; i++) {
            assertThat(get("made-up-" + i)).isEmpty();
        }
        int lookupsAfterFlood = lookups.get();

        assertThat(get("valid-1")).contains("value of valid-1");
        assertThat(lookups.get()).as("still answered from the cache").isEqualTo(lookupsAfterFlood);
        assertThat(cache.unknownKeys()).isLessThanOrEqualTo(100);
    }

    @Test
    void unknownKeysAreStillRememberedAsUnknownWithinTheirBound() {
        for (int i = 0; i < 1_000; i++) {
            get("made-up-" + i);
        }
        get("made-up-again");
        int lookupsBefore = lookups.get();

        assertThat(get("made-up-again")).isEmpty();
        assertThat(lookups.get()).isEqualTo(lookupsBefore);
    }

    @Test
    void knownKeysAreBoundedTooWithoutEverClearingTheCache() {
        for (int i = 0; i < 25; i++) {
            get("valid-" + i);
        }
        assertThat(cache.knownKeys()).isBetween(1, 10);
        int lookupsBefore = lookups.get();

        assertThat(get("valid-24")).contains("value of valid-24");
        assertThat(lookups.get()).as("the latest key is still cached").isEqualTo(lookupsBefore);
    }
}
