package io.uplink.gateway.ratelimit;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Readiness component {@code rateLimiter}: UP while Redis answers, DEGRADED (still serving, HTTP 200) while rate
 * limits fall back to per-instance memory. Redis being down must not take the only door out of rotation.
 */
@Component("rateLimiter")
public class RateLimiterHealthIndicator implements ReactiveHealthIndicator {

    public static final Status DEGRADED = new Status("DEGRADED", "rate limits enforced per gateway instance: Redis unreachable");

    private final ReactiveRedisConnectionFactory connections;
    private final TenantRateLimiter limiter;

    public RateLimiterHealthIndicator(ReactiveRedisConnectionFactory connections, TenantRateLimiter limiter) {
        this.connections = connections;
        this.limiter = limiter;
    }

    @Override
    public Mono<Health> health() {
        return Mono.usingWhen(Mono.fromSupplier(connections::getReactiveConnection),
                        connection -> connection.ping(), connection -> connection.closeLater())
                .timeout(Duration.ofSeconds(1))
                .map(pong -> limiter.isDegraded()
                        ? Health.status(DEGRADED).withDetail("backend", "local").withDetail("redis", "recovering").build()
                        : Health.up().withDetail("backend", "redis").build())
                .onErrorResume(error -> Mono.just(Health.status(DEGRADED)
                        .withDetail("backend", "local")
                        .withDetail("redis", String.valueOf(error.getMessage()))
                        .build()));
    }
}
