package io.uplink.gateway.loadbalancing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every {@link io.uplink.gateway.routing.Upstream} gets the same load balancing, each from its own instance list. */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = UpstreamLoadBalancing.class)
class LoadBalancingConfiguration {

    /* In the main context: the load balancer's child contexts read it, and the outcome filter feeds it. */
    @Bean(destroyMethod = "close")
    InstanceHealth instanceHealth(LoadBalancingProperties properties) {
        return new InstanceHealth(properties);
    }
}
