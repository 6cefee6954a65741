package io.uplink.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.uplink.gateway.auth.Caller;
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
 * for a Redis timeout.
 */
@Component
public class TenantRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(TenantRateLimiter.class);

    private final RedisTokenBuckets redis;
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

    public Mono<Decision> take(Caller caller) {
        Limit limit = limitOf(caller);
        String account = caller.accountKey();
        if (degraded.get() && nextRedisAttemptNanos.get() - System.nanoTime() > 0) {
            return Mono.fromSupplier(() -> fallback(account, limit)).doOnNext(this::count);
        }
        return redis.take(account, limit)
                .timeout(properties.redisTimeout())
                .doOnNext(decision -> recovered())
                .onErrorResume(error -> {
                    degrade(error);
                    return Mono.just(fallback(account, limit));
                })
                .doOnNext(this::count);
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
