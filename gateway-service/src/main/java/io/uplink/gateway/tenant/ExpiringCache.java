package io.uplink.gateway.tenant;

import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Caches lookups for a short time. Concurrent callers of the same key share one in-flight lookup; failed lookups
 * are not cached, so an unreachable metadata-service is asked again on the next request.
 */
public final class ExpiringCache<V> {

    private static final int MAX_ENTRIES = 100_000;

    private final Clock clock;
    private final Duration presentTtl;
    private final Duration absentTtl;
    private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();

    public ExpiringCache(Clock clock, Duration presentTtl, Duration absentTtl) {
        this.clock = clock;
        this.presentTtl = presentTtl;
        this.absentTtl = absentTtl;
    }

    public Mono<Optional<V>> get(String key, Function<String, Mono<V>> lookup) {
        Instant now = clock.instant();
        Entry<V> entry = entries.compute(key, (k, existing) -> {
            if (existing != null && (existing.expiresAt == null || existing.expiresAt.isAfter(now))) {
                return existing;
            }
            if (entries.size() > MAX_ENTRIES) {
                entries.clear();
            }
            return new Entry<>(load(k, lookup), null);
        });
        return entry.value;
    }

    private Mono<Optional<V>> load(String key, Function<String, Mono<V>> lookup) {
        return lookup.apply(key)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .doOnNext(found -> entries.computeIfPresent(key, (k, e) ->
                        new Entry<>(e.value, clock.instant().plus(found.isPresent() ? presentTtl : absentTtl))))
                .doOnError(error -> entries.remove(key))
                .cache(value -> Duration.ofDays(1), error -> Duration.ZERO, () -> Duration.ZERO);
    }

    public void invalidateAll() {
        entries.clear();
    }

    private record Entry<V>(Mono<Optional<V>> value, Instant expiresAt) {
    }
}
