package io.uplink.gateway.loadbalancing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@LoadBalancerClient(name = "credential-service", configuration = CredentialServiceLoadBalancing.class)
class LoadBalancingConfiguration {
}
