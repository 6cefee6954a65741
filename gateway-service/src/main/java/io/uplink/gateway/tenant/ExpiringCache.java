package io.uplink.gateway.tenant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Caches lookups, serving stale while revalidating. A found value is fresh for {@code refreshAfter}; after that it
 * is still served, at once, while one lookup refreshes it in the background, until {@code maxAge} after it was
 * looked up: past that nothing is served from the cache, so a change (a revoked key, a suspended tenant) takes
 * effect within {@code maxAge} whatever happens to lookups. A slow or failing lookup therefore never holds or
 * fails requests for a value already cached. Concurrent callers of a key with no usable value share one lookup;
 * failed lookups are not cached. "Not found" answers are cached for {@code absentTtl} and never served stale.
 */
public final class ExpiringCache<V> {

    private static final Logger log = LoggerFactory.getLogger(ExpiringCache.class);
    private static final int MAX_ENTRIES = 100_000;

    private final Clock clock;
    private final Duration refreshAfter;
    private final Duration maxAge;
    private final Duration absentTtl;
    private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();

    public ExpiringCache(Clock clock, Duration refreshAfter, Duration maxAge, Duration absentTtl) {
        if (maxAge.compareTo(refreshAfter) < 0) {
            throw new IllegalArgumentException("maxAge " + maxAge + " is shorter than refreshAfter " + refreshAfter);
        }
        this.clock = clock;
        this.refreshAfter = refreshAfter;
        this.maxAge = maxAge;
        this.absentTtl = absentTtl;
    }

    public Mono<Optional<V>> get(String key, Function<String, Mono<V>> lookup) {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            Entry<V> entry = entries.get(key);
            if (entry != null && entry.servable(now)) {
                if (!entry.fresh(now) && entry.refresh == null) {
                    refreshInBackground(key, lookup, now);
                }
                return Mono.just(entry.value);
            }
            return sharedLookup(key, lookup, now);
        });
    }

    private Mono<Optional<V>> sharedLookup(String key, Function<String, Mono<V>> lookup, Instant now) {
        if (entries.size() > MAX_ENTRIES) {
            entries.clear();
        }
        Entry<V> entry = entries.compute(key, (k, existing) -> {
            if (existing != null && existing.refresh != null) {
                return existing; // someone is already looking it up: wait for that answer
            }
            if (existing != null && existing.servable(now)) {
                return existing; // answered in between
            }
            return new Entry<>(existing == null ? null : existing.value, null, null, load(k, lookup));
        });
        return entry.servable(now) ? Mono.just(entry.value) : entry.refresh;
    }

    private void refreshInBackground(String key, Function<String, Mono<V>> lookup, Instant now) {
        Entry<V> entry = entries.compute(key, (k, existing) -> existing == null || existing.refresh != null
                || existing.fresh(now) ? existing : existing.refreshing(load(k, lookup)));
        if (entry != null && entry.refresh != null) {
            entry.refresh.subscribe(found -> { }, error -> log.warn(
                    "refreshing a cached lookup failed ({}); serving the cached answer until it is {} old", error.toString(), maxAge));
        }
    }

    private Mono<Optional<V>> load(String key, Function<String, Mono<V>> lookup) {
        return Mono.defer(() -> lookup.apply(key))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .doOnNext(found -> {
                    Instant at = clock.instant();
                    entries.put(key, found.isPresent()
                            ? new Entry<>(found, at.plus(refreshAfter), at.plus(maxAge), null)
                            : new Entry<>(found, at.plus(absentTtl), at.plus(absentTtl), null));
                })
                // a failed refresh keeps the cached answer (until maxAge); a failed first lookup leaves nothing
                .doOnError(error -> entries.computeIfPresent(key, (k, e) -> e.value == null ? null : e.refreshing(null)))
                .cache(found -> Duration.ofDays(1), error -> Duration.ZERO, () -> Duration.ZERO);
    }

    public void invalidateAll() {
        entries.clear();
    }

    /**
     * @param value the last answer; null while the first lookup runs
     * @param refresh the lookup in flight for this key, if any
     */
    private record Entry<V>(Optional<V> value, Instant refreshAt, Instant expiresAt, Mono<Optional<V>> refresh) {

        boolean servable(Instant now) {
            return value != null && expiresAt != null && now.isBefore(expiresAt);
        }

        boolean fresh(Instant now) {
            return servable(now) && now.isBefore(refreshAt);
        }

        Entry<V> refreshing(Mono<Optional<V>> lookup) {
            return new Entry<>(value, refreshAt, expiresAt, lookup);
        }
    }
}
