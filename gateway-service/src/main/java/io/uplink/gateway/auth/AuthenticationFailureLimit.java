package io.uplink.gateway.auth;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket of authentication failures per client, checked before a credential is verified: a client with no
 * failures left is refused without a key lookup until its bucket refills. Only failures take tokens, so clients
 * that authenticate are never remembered here.
 */
@Component
public class AuthenticationFailureLimit {

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final double capacity;
    private final double refillPerNano;
    private final int maxClients;
    private final LongSupplier nanoClock;

    @Autowired
    public AuthenticationFailureLimit(AuthenticationFailureLimitProperties properties) {
        this(properties, System::nanoTime);
    }

    AuthenticationFailureLimit(AuthenticationFailureLimitProperties properties, LongSupplier nanoClock) {
        this.capacity = properties.failures();
        this.refillPerNano = properties.failures() / (double) properties.window().toNanos();
        this.maxClients = properties.maxClients();
        this.nanoClock = nanoClock;
    }

    /** How long this client must wait before its credentials are verified again; empty if they may be now. */
    Optional<Duration> refusal(String client) {
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            return Optional.empty();
        }
        synchronized (bucket) {
            bucket.refill(nanoClock.getAsLong());
            if (bucket.tokens >= 1) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / refillPerNano)));
        }
    }

    void recordFailure(String client) {
        long now = nanoClock.getAsLong();
        if (!buckets.containsKey(client) && buckets.size() >= maxClients) {
            makeRoom(now);
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(capacity, now));
        synchronized (bucket) {
            bucket.refill(now);
            bucket.tokens = Math.max(0, bucket.tokens - 1);
        }
    }

    /**
     * Forgets clients whose bucket has refilled (they carry no state); if every client is still in debt, a tenth of
     * them, whichever come first, so one flood of addresses costs one sweep per many insertions, never a sweep per insertion.
     */
    private void makeRoom(long now) {
        buckets.entrySet().removeIf(entry -> {
            Bucket bucket = entry.getValue();
            synchronized (bucket) {
                bucket.refill(now);
                return bucket.tokens >= capacity;
            }
        });
        if (buckets.size() < maxClients) {
            return;
        }
        int excess = buckets.size() - maxClients + Math.max(1, maxClients / 10);
        Iterator<Map.Entry<String, Bucket>> any = buckets.entrySet().iterator();
        while (excess-- > 0 && any.hasNext()) {
            any.next();
            any.remove();
        }
    }

    int clientsRemembered() {
        return buckets.size();
    }

    private final class Bucket {
        private double tokens;
        private long updatedAt;

        private Bucket(double tokens, long updatedAt) {
            this.tokens = tokens;
            this.updatedAt = updatedAt;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + Math.max(0, now - updatedAt) * refillPerNano);
            updatedAt = now;
        }
    }
}
