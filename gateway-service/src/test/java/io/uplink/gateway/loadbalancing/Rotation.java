package io.uplink.gateway.loadbalancing;

import io.uplink.gateway.routing.Upstream;
import io.uplink.gateway.support.EchoUpstream;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the gateway's load balancer currently hands out for one upstream, as {@code host:port}. */
final class Rotation {

    private final LoadBalancerClientFactory loadBalancers;
    private final Upstream upstream;

    Rotation(LoadBalancerClientFactory loadBalancers) {
        this(loadBalancers, Upstream.CREDENTIAL);
    }

    Rotation(LoadBalancerClientFactory loadBalancers, Upstream upstream) {
        this.loadBalancers = loadBalancers;
        this.upstream = upstream;
    }

    List<String> instances() {
        List<ServiceInstance> instances = loadBalancers.getInstance(upstream.serviceId(), ServiceInstanceListSupplier.class)
                .get().blockFirst(Duration.ofSeconds(5));
        return instances.stream().map(i -> i.getHost() + ":" + i.getPort()).toList();
    }

    /** A precondition, not a property under test: on a starved machine the first probes take what they take. */
    void awaitAllOf(EchoUpstream... upstreams) throws InterruptedException {
        List<String> expected = Arrays.stream(upstreams).map(EchoUpstream::address).toList();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!instances().containsAll(expected)) {
            assertThat(System.nanoTime() - deadline).as("%s in rotation: %s", expected, instances()).isNegative();
            Thread.sleep(50);
        }
    }
}
