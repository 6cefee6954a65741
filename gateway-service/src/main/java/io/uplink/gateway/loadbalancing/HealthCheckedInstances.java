package io.uplink.gateway.loadbalancing;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

import java.util.List;

/**
 * The delegate's instances that {@link InstanceHealth} keeps in rotation, judged afresh on every request. When no
 * instance passes its checks, all of them are offered (a panic mode, as Envoy has): the probes lag the instances by
 * up to an interval, so during a rolling restart the one instance just back can still be out while the other is
 * stopping. An empty rotation would answer 503 at once; trying them all costs a refused connection at worst, which
 * moves on to the next instance.
 */
final class HealthCheckedInstances extends DelegatingServiceInstanceListSupplier {

    private final InstanceHealth health;

    HealthCheckedInstances(ServiceInstanceListSupplier delegate, InstanceHealth health) {
        super(delegate);
        this.health = health;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return getDelegate().get().map(instances -> {
            List<ServiceInstance> healthy = instances.stream().filter(health::inRotation).toList();
            return healthy.isEmpty() ? instances : healthy;
        });
    }
}
