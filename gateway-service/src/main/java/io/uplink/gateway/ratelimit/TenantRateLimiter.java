package io.uplink.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.uplink.gateway.identity.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Per-tenant token buckets in Redis, falling back to in-memory buckets while Redis is unreachable (degrade, not
 * outage). While degraded it retries Redis only every {@code redis-retry-interval}, so requests do not each wait
 * for a Redis timeout. Tokens are taken from Redis in reservations of up to one {@code reservation-window}'s worth
 * of the tenant's rate ({@link TokenLeases}), so most requests are decided without a Redis round trip.
 */
@Component
public class TenantRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(TenantRateLimiter.class);

    private final RedisTokenBuckets redis;
    private final TokenLeases leases = new TokenLeases();
    private final LocalTokenBuckets local = new LocalTokenBuckets(System::nanoTime);
    private final RateLimitProperties properties;
    private final AtomicLong nextRedisAttemptNanos = new AtomicLong(System.nanoTime());
    private final AtomicBoolean degraded = new AtomicBoolean();
    private final AtomicReference<String> lastRedisError = new AtomicReference<>();
    private final Counter fallbacks;
    private final MeterRegistry meters;
    /*
     * Each (backend, outcome) counter is looked up once, on first use (so a series appears only once it counts
     * something), then reused: a lookup by name and tags on every request builds, sorts and compares tag lists.
     */
    private final AtomicReferenceArray<Counter> decisions = new AtomicReferenceArray<>(Decision.Backend.values().length * 2);

    public TenantRateLimiter(ReactiveStringRedisTemplate redis, RateLimitProperties properties, MeterRegistry meters) {
        this.redis = new RedisTokenBuckets(redis);
        this.properties = properties;
        this.meters = meters;
        Gauge.builder("uplink.gateway.ratelimit.degraded", this, limiter -> limiter.isDegraded() ? 1 : 0)
                .description("1 while rate limits are enforced per gateway instance because Redis is unreachable")
                .register(meters);
        this.fallbacks = Counter.builder("uplink.gateway.ratelimit.fallback.decisions")
                .description("rate-limit decisions taken by the in-memory fallback").register(meters);
    }

    /**
     * The decision when this instance can take it without Redis (tokens already reserved, an empty bucket
     * remembered, or Redis known to be down), else null: then {@link #take} asks Redis.
     */
    public Decision decideLocally(Caller caller) {
        Limit limit = limitOf(caller);
        String account = caller.accountKey();
        Decision decision = degradedNow() ? fallback(account, limit) : leases.of(account).take(System.nanoTime());
        if (decision != null) {
            count(decision);
        }
        return decision;
    }

    public Mono<Decision> take(Caller caller) {
        Decision local = decideLocally(caller);
        if (local != null) {
            return Mono.just(local);
        }
        Limit limit = limitOf(caller);
        String account = caller.accountKey();
        // The whole decision is bounded, not only each Redis call: a reservation that a racing request emptied is
        // re-requested, and without this bound a request could wait 20 s here while Redis is down (RedisOutageTest).
        return reserveAndTake(account, limit)
                .timeout(properties.redisTimeout().multipliedBy(2))
                .onErrorResume(error -> {
                    degrade(error);
                    return Mono.just(fallback(account, limit));
                })
                .doOnNext(this::count);
    }

    private boolean degradedNow() {
        return degraded.get() && nextRedisAttemptNanos.get() - System.nanoTime() > 0;
    }

    /* Until this request gets a token or a refusal: another request may take the last reserved token first. */
    private Mono<Decision> reserveAndTake(String account, Limit limit) {
        TokenLeases.Lease lease = leases.of(account);
        long wanted = reservationSize(limit);
        return lease.refill(lapsed -> redis.reserve(account, limit, wanted, lapsed)
                                .timeout(properties.redisTimeout())
                                .doOnNext(reservation -> recovered()),
                        properties.reservationWindow().toNanos())
                .then(Mono.fromSupplier(() -> lease.take(System.nanoTime())))
                .switchIfEmpty(Mono.defer(() -> reserveAndTake(account, limit)));
    }

    /*
     * One window's worth of the tenant's rate, at least 1 (a slow tenant reserves token by token, exactly as
     * without reservations), at most the burst and max-reservation.
     */
    long reservationSize(Limit limit) {
        double perWindow = limit.requestsPerSecond() * properties.reservationWindow().toNanos() / 1e9;
        return (long) Math.max(1, Math.min(Math.min(perWindow, limit.burst()), properties.maxReservation()));
    }

    /** True from the first failed Redis call until the next successful one. */
    public boolean isDegraded() {
        return degraded.get();
    }

    public String lastRedisError() {
        return lastRedisError.get();
    }

    private Limit limitOf(Caller caller) {
        var settings = caller.settings();
        if (settings != null && settings.rateLimit() != null && settings.rateLimit().requestsPerSecond() > 0
                && settings.rateLimit().burst() > 0) {
            return new Limit(settings.rateLimit().requestsPerSecond(), settings.rateLimit().burst());
        }
        return new Limit(properties.defaultRequestsPerSecond(), properties.defaultBurst());
    }

    private Decision fallback(String account, Limit limit) {
        fallbacks.increment();
        return local.take(account, limit);
    }

    private void degrade(Throwable error) {
        nextRedisAttemptNanos.set(System.nanoTime() + properties.redisRetryInterval().toNanos());
        if (degraded.compareAndSet(false, true)) {
            log.warn("Redis unreachable for rate limiting ({}); limiting in memory per gateway instance", error.toString());
        }
        lastRedisError.set(error.toString());
    }

    private void recovered() {
        lastRedisError.set(null);
        if (degraded.compareAndSet(true, false)) {
            log.info("Redis reachable again; rate limits are shared across gateway instances again");
        }
    }

    private void count(Decision decision) {
        int slot = decision.backend().ordinal() * 2 + (decision.allowed() ? 0 : 1);
        Counter counter = decisions.get(slot);
        if (counter == null) {
            // a race registers nothing twice: the registry hands both callers the same counter
            counter = meters.counter("uplink.gateway.ratelimit.decisions",
                    "backend", decision.backend().name().toLowerCase(Locale.ROOT),
                    "outcome", decision.allowed() ? "allowed" : "throttled");
            decisions.set(slot, counter);
        }
        counter.increment();
    }
}
