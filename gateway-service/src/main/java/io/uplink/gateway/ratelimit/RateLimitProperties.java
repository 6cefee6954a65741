package io.uplink.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param defaultRequestsPerSecond refill rate for tenants whose settings name no limit
 * @param defaultBurst bucket size for tenants whose settings name no limit
 * @param redisTimeout a Redis answer slower than this counts as Redis being down
 * @param redisRetryInterval while degraded, how long to stay on the local limiter before trying Redis again
 * @param reservationWindow each instance takes tokens from a tenant's Redis bucket in reservations of up to this
 *                          long's worth of the tenant's rate and drops what it has not used by the end of it
 * @param maxReservation the most tokens one reservation takes (1: a Redis call per request, no reservations)
 */
@ConfigurationProperties("uplink.gateway.rate-limit")
public record RateLimitProperties(
        @DefaultValue("50") double defaultRequestsPerSecond,
        @DefaultValue("100") long defaultBurst,
        @DefaultValue("250ms") Duration redisTimeout,
        @DefaultValue("2s") Duration redisRetryInterval,
        @DefaultValue("100ms") Duration reservationWindow,
        @DefaultValue("100") long maxReservation) {

    public RateLimitProperties {
        // reserved tokens that lapse at once would send every request back to Redis for a new reservation forever
        if (reservationWindow == null || reservationWindow.isNegative() || reservationWindow.isZero()) {
            throw new IllegalArgumentException("uplink.gateway.rate-limit.reservation-window must be positive");
        }
        if (maxReservation < 1) {
            throw new IllegalArgumentException("uplink.gateway.rate-limit.max-reservation must be at least 1");
        }
    }
}
