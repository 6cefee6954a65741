package io.uplink.callback.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * @param enabled run the delivery workers in this instance
 * @param pollInterval pause between claims when nothing is due; short, because it adds to the latency of a
 *                     webhook arriving at a quiet queue (one cheap index probe per pause)
 * @param batchSize deliveries claimed per round trip at most ({@code FOR UPDATE SKIP LOCKED}); the next batch is
 *                  claimed while the previous one is being sent and waits for free slots, so the default
 *                  (= {@code maxConcurrency}) keeps every slot busy with one claim per batch sent
 * @param attemptTimeout whole attempt: connect, TLS, request, response headers and the kept part of the body
 * @param retrySchedule delay before each attempt, the first normally {@code 0s}; its length is the number of attempts
 * @param jitter each delay is randomised by up to this fraction either way, so retries of many deliveries spread out
 * @param maxConcurrency attempts in flight in this instance
 * @param maxConcurrencyPerEndpoint attempts in flight to one endpoint, so a slow endpoint cannot take every slot
 * @param lease how long a claimed delivery stays invisible to other workers; after a crash it is due again then
 * @param disableAfterFailingFor an endpoint failing without a single success this long is disabled
 * @param dnsTimeout how long an attempt waits for its endpoint's name to resolve
 * @param maxConcurrentDnsLookups threads resolving endpoint names (off the event loops, which must never block);
 *                                concurrent lookups of one name share one thread
 */
@ConfigurationProperties("uplink.callback.delivery")
public record DeliveryProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("50ms") Duration pollInterval,
        @DefaultValue("256") int batchSize,
        @DefaultValue("15s") Duration attemptTimeout,
        @DefaultValue({"0s", "5s", "5m", "30m", "2h", "5h", "10h", "10h"}) List<Duration> retrySchedule,
        @DefaultValue("0.2") double jitter,
        @DefaultValue("256") int maxConcurrency,
        @DefaultValue("8") int maxConcurrencyPerEndpoint,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("5d") Duration disableAfterFailingFor,
        @DefaultValue("5s") Duration dnsTimeout,
        @DefaultValue("16") int maxConcurrentDnsLookups) {

    public DeliveryProperties {
        if (retrySchedule.isEmpty()) {
            throw new IllegalArgumentException("the retry schedule needs at least one attempt");
        }
        if (maxConcurrentDnsLookups < 1 || dnsTimeout.isNegative() || dnsTimeout.isZero()) {
            throw new IllegalArgumentException("DNS lookups need at least one thread and a positive timeout");
        }
        if (lease.compareTo(attemptTimeout) <= 0) {
            throw new IllegalArgumentException("the lease must outlast an attempt, or two workers send the same delivery");
        }
    }
}
