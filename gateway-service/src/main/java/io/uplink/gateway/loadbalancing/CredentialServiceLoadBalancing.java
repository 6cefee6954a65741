package io.uplink.gateway.loadbalancing;

import io.uplink.gateway.routing.UpstreamProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.RandomLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplierBuilder;
import org.springframework.cloud.loadbalancer.core.WeightedServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Load-balancer child context for credential-service: configured instances, filtered by {@link InstanceHealth}'s
 * probes and by recent connect failures, chosen round-robin, weighted or at random.
 */
public class CredentialServiceLoadBalancing {

    @Bean
    ServiceInstanceListSupplier credentialInstances(ConfigurableApplicationContext context, UpstreamProperties upstreams,
                                                    LoadBalancingProperties loadBalancing, InstanceEjections ejections,
                                                    InstanceHealth health) {
        ConfiguredInstances configured = new ConfiguredInstances("credential-service", upstreams.credentialInstances());
        health.watch(configured.instances());
        return weighted(ServiceInstanceListSupplier.builder()
                .withBase(configured)
                .with((ctx, all) -> new HealthCheckedInstances(all, health))
                .with((ctx, healthy) -> new WithoutEjectedInstances(healthy, ejections)), loadBalancing)
                .build(context);
    }

    static ServiceInstanceListSupplierBuilder weighted(ServiceInstanceListSupplierBuilder builder,
                                                       LoadBalancingProperties loadBalancing) {
        if (loadBalancing.strategy() != LoadBalancingProperties.Strategy.WEIGHTED) {
            return builder;
        }
        return builder.with((ctx, live) -> new WeightedServiceInstanceListSupplier(live, ConfiguredInstances::weightOf));
    }

    @Bean
    ReactorLoadBalancer<ServiceInstance> credentialLoadBalancer(Environment environment,
                                                               LoadBalancerClientFactory factory,
                                                               LoadBalancingProperties loadBalancing, InstanceEjections ejections) {
        String serviceId = environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
        var suppliers = factory.getLazyProvider(serviceId, ServiceInstanceListSupplier.class);
        return switch (loadBalancing.strategy()) {
            case RANDOM -> new RandomLoadBalancer(suppliers, serviceId);
            case ROUND_ROBIN, WEIGHTED -> new RoundRobinLoadBalancer(suppliers, serviceId);
        };
    }
}
