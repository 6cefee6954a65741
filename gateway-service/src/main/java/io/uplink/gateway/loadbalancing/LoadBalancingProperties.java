package io.uplink.gateway.loadbalancing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param strategy how to pick among healthy instances
 * @param healthCheckTimeout a probe slower than this counts as a dead instance
 */
@ConfigurationProperties("uplink.gateway.load-balancing")
public record LoadBalancingProperties(
        @DefaultValue("round-robin") Strategy strategy,
        @DefaultValue("1s") Duration healthCheckTimeout) {

    public enum Strategy { ROUND_ROBIN, RANDOM }
}
