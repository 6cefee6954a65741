package io.uplink.gateway.tenant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
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
 * <p>
 * Keys with a value and keys without one (not found, or first looked up right now) are held apart, each up to
 * its own bound: a flood of made-up keys can only push out other made-up keys, never a known one. A full map first
 * drops what it can no longer serve, then a tenth of its entries, so a flood costs one sweep per many insertions.
 */
public final class ExpiringCache<V> {

    private static final Logger log = LoggerFactory.getLogger(ExpiringCache.class);

    private final Clock clock;
    private final Duration refreshAfter;
    private final Duration maxAge;
    private final Duration absentTtl;
    /* keys whose last answer was a value */
    private final Bounded<V> known;
    /* keys answered "not found", and keys whose first lookup is in flight */
    private final Bounded<V> unknown;

    public ExpiringCache(Clock clock, CacheLimits limits) {
        this(clock, limits.refreshAfter(), limits.maxAge(), limits.absentTtl(), limits.maxKnown(), limits.maxUnknown());
    }

    public ExpiringCache(Clock clock, Duration refreshAfter, Duration maxAge, Duration absentTtl,
                         int maxKnown, int maxUnknown) {
        if (maxAge.compareTo(refreshAfter) < 0) {
            throw new IllegalArgumentException("maxAge " + maxAge + " is shorter than refreshAfter " + refreshAfter);
        }
        if (maxKnown < 1 || maxUnknown < 1) {
            throw new IllegalArgumentException("a cache needs room for at least one known and one unknown key");
        }
        this.clock = clock;
        this.refreshAfter = refreshAfter;
        this.maxAge = maxAge;
        this.absentTtl = absentTtl;
        this.known = new Bounded<>(maxKnown);
        this.unknown = new Bounded<>(maxUnknown);
    }

    public Mono<Optional<V>> get(String key, Function<String, Mono<V>> lookup) {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            Entry<V> entry = known.entries.get(key);
            if (entry == null) {
                entry = unknown.entries.get(key);
            }
            if (entry != null && entry.servable(now)) {
                if (!entry.fresh(now) && entry.refresh == null) {
                    refreshInBackground(key, lookup, now);
                }
                return Mono.just(entry.value);
            }
            return sharedLookup(key, lookup, now);
        });
    }

    /** Whether {@code key} has a value that would be served now, without a lookup. */
    public boolean holdsValue(String key) {
        Entry<V> entry = known.entries.get(key);
        return entry != null && entry.servable(clock.instant()) && entry.value.isPresent();
    }

    private Mono<Optional<V>> sharedLookup(String key, Function<String, Mono<V>> lookup, Instant now) {
        // a known key past its max age is looked up where it is, keeping its place among the known
        Bounded<V> holder = known.entries.containsKey(key) ? known : unknown;
        holder.makeRoomFor(key, now);
        Entry<V> entry = holder.entries.compute(key, (k, existing) -> {
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
        // only a found value is ever refreshed in the background, and found values are held among the known
        Entry<V> entry = known.entries.computeIfPresent(key, (k, existing) -> existing.refresh != null
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
                    if (found.isPresent()) {
                        known.put(key, new Entry<>(found, at.plus(refreshAfter), at.plus(maxAge), null), at);
                        unknown.entries.remove(key);
                    } else {
                        unknown.put(key, new Entry<>(found, at.plus(absentTtl), at.plus(absentTtl), null), at);
                        known.entries.remove(key);
                    }
                })
                // a failed refresh keeps the cached answer (until maxAge); a failed first lookup leaves nothing
                .doOnError(error -> {
                    known.entries.computeIfPresent(key, (k, e) -> e.value == null ? null : e.refreshing(null));
                    unknown.entries.computeIfPresent(key, (k, e) -> e.value == null ? null : e.refreshing(null));
                })
                .cache(found -> Duration.ofDays(1), error -> Duration.ZERO, () -> Duration.ZERO);
    }

    public void invalidateAll() {
        known.entries.clear();
        unknown.entries.clear();
    }

    int knownKeys() {
        return known.entries.size();
    }

    int unknownKeys() {
        return unknown.entries.size();
    }

    /** One class of keys, held up to {@code max}. */
    private static final class Bounded<V> {

        private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();
        private final int max;

        private Bounded(int max) {
            this.max = max;
        }

        void put(String key, Entry<V> entry, Instant now) {
            makeRoomFor(key, now);
            entries.put(key, entry);
        }

        /**
         * Drops answers that can no longer be served (no lookup in flight), then, if that was not enough, a tenth
         * of the entries, whichever come first: bounded work per insertion however the keys arrive.
         */
        void makeRoomFor(String key, Instant now) {
            if (entries.size() < max || entries.containsKey(key)) {
                return;
            }
            entries.values().removeIf(entry -> entry.refresh == null && !entry.servable(now));
            if (entries.size() < max) {
                return;
            }
            int excess = entries.size() - max + Math.max(1, max / 10);
            Iterator<Entry<V>> any = entries.values().iterator();
            while (excess-- > 0 && any.hasNext()) {
                any.next();
                any.remove();
            }
        }
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
