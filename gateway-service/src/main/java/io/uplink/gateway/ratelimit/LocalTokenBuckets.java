package io.uplink.gateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets in this JVM's memory: the fallback while Redis is unreachable. Each gateway instance then limits
 * on its own, so a tenant can get up to N times its rate across N instances: degraded, never unlimited.
 */
final class LocalTokenBuckets {

    private static final int MAX_BUCKETS = 100_000;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    LocalTokenBuckets(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    Decision take(String account, Limit limit) {
        if (buckets.size() > MAX_BUCKETS) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(account, a -> new Bucket(limit.burst(), nanoClock.getAsLong()));
        synchronized (bucket) {
            long now = nanoClock.getAsLong();
            double elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1e9;
            bucket.tokens = Math.min(limit.burst(), bucket.tokens + elapsedSeconds * limit.requestsPerSecond());
            bucket.updatedAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return new Decision(true, (long) bucket.tokens, 0, Decision.Backend.LOCAL);
            }
            long retryAfterMillis = (long) Math.ceil((1 - bucket.tokens) * 1000 / limit.requestsPerSecond());
            return new Decision(false, 0, retryAfterMillis, Decision.Backend.LOCAL);
        }
    }

    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        private Bucket(double tokens, long updatedAt) {
            this.tokens = tokens;
            this.updatedAt = updatedAt;
        }
    }
}
