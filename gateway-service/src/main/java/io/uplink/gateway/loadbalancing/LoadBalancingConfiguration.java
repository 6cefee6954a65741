package io.uplink.gateway.loadbalancing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@LoadBalancerClient(name = "credential-service", configuration = CredentialServiceLoadBalancing.class)
class LoadBalancingConfiguration {

    /* In the main context: the load balancer's child context reads it, and the outcome filter feeds it. */
    @Bean(destroyMethod = "close")
    InstanceHealth instanceHealth(LoadBalancingProperties properties) {
        return new InstanceHealth(properties);
    }
}
