package io.uplink.gateway.loadbalancing;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

import java.net.URI;
import java.util.List;
import java.util.stream.IntStream;

/** The instances an operator listed in configuration, before health checks filter out the dead ones. */
final class ConfiguredInstances implements ServiceInstanceListSupplier {

    private final String serviceId;
    private final List<ServiceInstance> instances;

    ConfiguredInstances(String serviceId, List<URI> baseUrls) {
        this.serviceId = serviceId;
        this.instances = IntStream.range(0, baseUrls.size())
                .mapToObj(i -> toInstance(serviceId, i, baseUrls.get(i)))
                .toList();
    }

    private static ServiceInstance toInstance(String serviceId, int index, URI url) {
        boolean secure = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : (secure ? 443 : 80);
        return new DefaultServiceInstance(serviceId + "-" + index, serviceId, url.getHost(), port, secure);
    }

    @Override
    public String getServiceId() {
        return serviceId;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return Flux.just(instances);
    }
}
