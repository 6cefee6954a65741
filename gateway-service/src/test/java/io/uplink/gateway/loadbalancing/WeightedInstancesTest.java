package io.uplink.gateway.loadbalancing;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.WeightedServiceInstanceListSupplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class WeightedInstancesTest {

    @Test
    void readsWeightsFromInstanceUrlsAndToleratesTypos() {
        var instances = new ConfiguredInstances("credential-service", List.of(
                URI.create("http://10.0.0.1:8081#weight=3"), URI.create("http://10.0.0.2:8082"),
                URI.create("http://10.0.0.3:8083#weight=lots"))).get().blockFirst();
        assertThat(instances).extracting(ServiceInstance::getPort).containsExactly(8081, 8082, 8083);
        assertThat(instances).extracting(ConfiguredInstances::weightOf).containsExactly(3, 1, 1);
    }

    @Test
    void weightedRoundRobinSendsTrafficInProportionToWeights() {
        ServiceInstanceListSupplier supplier = new WeightedServiceInstanceListSupplier(
                new ConfiguredInstances("credential-service", List.of(
                        URI.create("http://10.0.0.1:8081#weight=3"), URI.create("http://10.0.0.2:8082"))),
                ConfiguredInstances::weightOf);
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("supplier", supplier);
        ObjectProvider<ServiceInstanceListSupplier> provider = beans.getBeanProvider(ServiceInstanceListSupplier.class);
        RoundRobinLoadBalancer balancer = new RoundRobinLoadBalancer(provider, "credential-service");

        Map<Integer, Long> chosen = IntStream.range(0, 400)
                .mapToObj(i -> balancer.choose(new DefaultRequest<>()).block())
                .map(Response::getServer)
                .collect(Collectors.groupingBy(ServiceInstance::getPort, Collectors.counting()));
        assertThat(chosen).containsEntry(8081, 300L).containsEntry(8082, 100L);
    }
}
