package io.uplink.gateway.loadbalancing;

import io.uplink.gateway.routing.Upstream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param strategy how to pick among healthy instances; {@code weighted} is round-robin in proportion to the
 *                 {@code #weight=N} given on each instance URL
 * @param healthCheckInterval how often each instance's readiness endpoint is probed
 * @param healthCheckTimeout a probe unanswered after this counts towards {@code unhealthyAfterTimeouts}
 * @param unhealthyAfterTimeouts unanswered probes in a row (while the instance answers no proxied request either)
 *                               that take an instance out of rotation; a refused connection or a non-200 answer
 *                               takes it out at once
 * @param healthCheckPath the endpoint probed on each credential-service instance: its readiness, which includes
 *                        everything a mint or a completion needs (database, store, Kafka)
 * @param apiHealthCheckPath the endpoint probed on each metadata- and callback-service instance: their {@code serving}
 *                           group, which says only whether the instance takes traffic (down while it drains before
 *                           stopping). Their readiness also covers Kafka and the outbox relay, which their HTTP APIs do
 *                           not need (the files and webhook APIs keep answering from Postgres while Kafka is away); an
 *                           instance that cannot reach Postgres answers 503 itself
 * @param ejectionTime how long an instance that refused a connection stays out of rotation
 */
@ConfigurationProperties("uplink.gateway.load-balancing")
public record LoadBalancingProperties(
        @DefaultValue("round-robin") Strategy strategy,
        @DefaultValue("1s") Duration healthCheckInterval,
        @DefaultValue("1500ms") Duration healthCheckTimeout,
        @DefaultValue("2") int unhealthyAfterTimeouts,
        @DefaultValue("/actuator/health/readiness") String healthCheckPath,
        @DefaultValue("/actuator/health/serving") String apiHealthCheckPath,
        @DefaultValue("10s") Duration ejectionTime) {

    public enum Strategy { ROUND_ROBIN, RANDOM, WEIGHTED }

    /** What decides whether an instance of this upstream is in rotation. */
    public String healthCheckPathOf(Upstream upstream) {
        return upstream == Upstream.CREDENTIAL ? healthCheckPath : apiHealthCheckPath;
    }
}
