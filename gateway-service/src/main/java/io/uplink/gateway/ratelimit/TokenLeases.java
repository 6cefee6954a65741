package io.uplink.gateway.ratelimit;

import reactor.core.publisher.Mono;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Tokens this gateway instance took from an account's shared Redis bucket and hands out locally, so that a
 * request costs a Redis round trip only once per reservation instead of every time. Every request admitted still
 * spent a token of the shared bucket; what changes is when it was taken (up to one reservation window earlier).
 * Tokens still unused at the end of the window lapse here and go back to the shared bucket with this instance's
 * next reservation for the account (when that fails, they stay spent: the limit errs on the strict side). Before
 * they went back, two instances serving a tenant at half its rate spent a window's worth each per window and kept
 * its bucket about empty, so the tenant's next burst was refused.
 * An empty bucket's answer (when it holds a token again) is remembered too, so a throttled tenant's requests
 * are refused without asking Redis until then.
 */
final class TokenLeases {

    private static final int MAX_ACCOUNTS = 100_000;

    private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();

    Lease of(String account) {
        if (leases.size() > MAX_ACCOUNTS) {
            leases.clear();
        }
        return leases.computeIfAbsent(account, a -> new Lease());
    }

    static final class Lease {
        private long permits;
        private long expiresAtNanos;
        private long sharedRemaining;
        private long deniedUntilNanos;
        private boolean denied;
        private Mono<Void> reserving;

        /** A decision from what this instance holds, or null when only a new reservation can tell. */
        synchronized Decision take(long nowNanos) {
            if (permits > 0 && nowNanos - expiresAtNanos < 0) {
                permits--;
                return new Decision(true, sharedRemaining + permits, 0, Decision.Backend.REDIS);
            }
            if (denied && nowNanos - deniedUntilNanos < 0) {
                long retryAfterMillis = Math.max(1, (deniedUntilNanos - nowNanos + 999_999) / 1_000_000);
                return new Decision(false, 0, retryAfterMillis, Decision.Backend.REDIS);
            }
            return null;
        }

        /**
         * Joins the reservation in flight for this account, or starts one: concurrent requests that found nothing
         * left share one Redis call instead of each making their own.
         */
        synchronized Mono<Void> refill(LongFunction<Mono<RedisTokenBuckets.Reservation>> reserveGivingBack,
                                       long windowNanos) {
            if (reserving == null) {
                // called once take() found no usable token: what is left has lapsed (or a racing reservation just
                // landed, and handing its tokens back to be taken again costs nothing). Handed back by the first
                // Redis call only: a late subscriber re-runs the call (the cache keeps nothing), and giving the
                // same tokens back twice would admit more than the limit.
                AtomicLong lapsed = new AtomicLong(permits);
                permits = 0;
                reserving = Mono.defer(() -> reserveGivingBack.apply(lapsed.getAndSet(0)))
                        .doOnNext(reservation -> granted(reservation, System.nanoTime(), windowNanos))
                        .doFinally(signal -> reserved())
                        .then()
                        .cache(done -> java.time.Duration.ZERO, error -> java.time.Duration.ZERO, () -> java.time.Duration.ZERO);
            }
            return reserving;
        }

        private synchronized void granted(RedisTokenBuckets.Reservation reservation, long nowNanos, long windowNanos) {
            permits = reservation.granted();
            expiresAtNanos = nowNanos + windowNanos;
            sharedRemaining = reservation.remaining();
            denied = reservation.granted() == 0;
            deniedUntilNanos = nowNanos + reservation.retryAfterMillis() * 1_000_000;
        }

        private synchronized void reserved() {
            reserving = null;
        }
    }
}
