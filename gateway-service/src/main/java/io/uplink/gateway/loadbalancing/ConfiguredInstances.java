package io.uplink.gateway.loadbalancing;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The instances an operator listed in configuration, before health checks filter out the dead ones. A URL may
 * carry a weight for the {@code weighted} strategy as its fragment: {@code http://10.0.0.5:8081#weight=3}.
 */
final class ConfiguredInstances implements ServiceInstanceListSupplier {

    private final String serviceId;
    private final List<ServiceInstance> instances;

    ConfiguredInstances(String serviceId, List<URI> baseUrls) {
        this.serviceId = serviceId;
        this.instances = IntStream.range(0, baseUrls.size())
                .mapToObj(i -> toInstance(serviceId, i, baseUrls.get(i)))
                .toList();
    }

    static final String WEIGHT = "weight";

    private static ServiceInstance toInstance(String serviceId, int index, URI url) {
        boolean secure = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : (secure ? 443 : 80);
        String fragment = url.getFragment();
        Map<String, String> metadata = fragment != null && fragment.startsWith(WEIGHT + "=")
                ? Map.of(WEIGHT, fragment.substring(WEIGHT.length() + 1)) : Map.of();
        return new DefaultServiceInstance(serviceId + "-" + index, serviceId, url.getHost(), port, secure, metadata);
    }

    /** The configured weight; 1 when absent or unreadable, so a typo never takes an instance out of rotation. */
    static int weightOf(ServiceInstance instance) {
        try {
            return Math.max(1, Integer.parseInt(instance.getMetadata().getOrDefault(WEIGHT, "1")));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @Override
    public String getServiceId() {
        return serviceId;
    }

    List<ServiceInstance> instances() {
        return instances;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return Flux.just(instances);
    }
}
