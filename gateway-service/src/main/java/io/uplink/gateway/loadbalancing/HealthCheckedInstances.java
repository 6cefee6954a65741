package io.uplink.gateway.loadbalancing;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

import java.util.List;

/** The delegate's instances that {@link InstanceHealth} keeps in rotation, judged afresh on every request. */
final class HealthCheckedInstances extends DelegatingServiceInstanceListSupplier {

    private final InstanceHealth health;

    HealthCheckedInstances(ServiceInstanceListSupplier delegate, InstanceHealth health) {
        super(delegate);
        this.health = health;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return getDelegate().get().map(instances -> instances.stream().filter(health::inRotation).toList());
    }
}
