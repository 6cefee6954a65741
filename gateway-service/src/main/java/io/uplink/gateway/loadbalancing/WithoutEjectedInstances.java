package io.uplink.gateway.loadbalancing;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

import java.util.List;

/** Healthy instances minus those recently ejected; never empty while any healthy instance exists. */
final class WithoutEjectedInstances extends DelegatingServiceInstanceListSupplier {

    private final InstanceEjections ejections;

    WithoutEjectedInstances(ServiceInstanceListSupplier delegate, InstanceEjections ejections) {
        super(delegate);
        this.ejections = ejections;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return getDelegate().get().map(instances -> {
            List<ServiceInstance> live = instances.stream()
                    .filter(instance -> !ejections.isEjected(instance.getHost(), instance.getPort()))
                    .toList();
            return live.isEmpty() ? instances : live;
        });
    }
}
