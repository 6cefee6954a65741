package io.uplink.gateway.resilience;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * One Resilience4j breaker per route, all shaped alike.
 *
 * @param failureRateThreshold percentage of failed calls (errors and 5xx) that opens a breaker
 * @param slidingWindowSize how many recent calls the rate is computed over
 * @param minimumNumberOfCalls calls needed before the rate counts
 * @param waitDurationInOpenState how long an open breaker fails fast before probing again (also the Retry-After)
 * @param staleAnswerMaxAge how old a cached metadata GET answer may be when served while metadata is failing
 */
@ConfigurationProperties("uplink.gateway.circuit-breaker")
public record CircuitBreakerProperties(
        @DefaultValue("50") float failureRateThreshold,
        @DefaultValue("20") int slidingWindowSize,
        @DefaultValue("10") int minimumNumberOfCalls,
        @DefaultValue("10s") Duration waitDurationInOpenState,
        @DefaultValue("60s") Duration staleAnswerMaxAge) {
}
