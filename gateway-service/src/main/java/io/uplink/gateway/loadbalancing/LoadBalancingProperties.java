package io.uplink.gateway.loadbalancing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param strategy how to pick among healthy instances; {@code weighted} is round-robin in proportion to the
 *                 {@code #weight=N} given on each instance URL
 * @param healthCheckTimeout a probe slower than this counts as a dead instance
 * @param ejectionTime how long an instance that refused a connection stays out of rotation
 */
@ConfigurationProperties("uplink.gateway.load-balancing")
public record LoadBalancingProperties(
        @DefaultValue("round-robin") Strategy strategy,
        @DefaultValue("1s") Duration healthCheckTimeout,
        @DefaultValue("10s") Duration ejectionTime) {

    public enum Strategy { ROUND_ROBIN, RANDOM, WEIGHTED }
}
