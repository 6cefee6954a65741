package io.uplink.gateway.loadbalancing;

import io.uplink.gateway.routing.Upstream;
import io.uplink.gateway.routing.UpstreamProperties;
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
 * Load-balancer child context of one {@link Upstream} (the context's name is its service id): the configured
 * instances, filtered by {@link InstanceHealth}'s probes and by recent connect failures, chosen round-robin,
 * weighted or at random.
 */
public class UpstreamLoadBalancing {

    @Bean
    ServiceInstanceListSupplier upstreamInstances(ConfigurableApplicationContext context, Environment environment,
                                                  UpstreamProperties upstreams, LoadBalancingProperties loadBalancing,
                                                  InstanceEjections ejections, InstanceHealth health) {
        Upstream upstream = Upstream.ofServiceId(environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME));
        ConfiguredInstances configured = new ConfiguredInstances(upstream.serviceId(), upstreams.instancesOf(upstream));
        health.watch(configured.instances(), loadBalancing.healthCheckPathOf(upstream));
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
    ReactorLoadBalancer<ServiceInstance> upstreamLoadBalancer(Environment environment, LoadBalancerClientFactory factory,
                                                             LoadBalancingProperties loadBalancing) {
        String serviceId = environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
        var suppliers = factory.getLazyProvider(serviceId, ServiceInstanceListSupplier.class);
        return switch (loadBalancing.strategy()) {
            case RANDOM -> new RandomLoadBalancer(suppliers, serviceId);
            case ROUND_ROBIN, WEIGHTED -> new RoundRobinLoadBalancer(suppliers, serviceId);
        };
    }
}
