package io.uplink.testsupport.spring;

import io.uplink.testsupport.Infra;
import io.uplink.testsupport.InfrastructureProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import java.util.Map;
import java.util.Set;

/** Equal for equal server sets, so Spring's context cache keeps sharing contexts across test classes. */
record InfrastructureContextCustomizer(Set<Infra> infra) implements ContextCustomizer {

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("uplinkInfrastructure", InfrastructureProperties.forSpring(infra)));
        // Last, so a test that sets it wins: a test context closes when its JVM exits, with no client to drain for
        // and the shared servers already stopping; a drain would only leave producers waiting for a gone broker.
        context.getEnvironment().getPropertySources()
                .addLast(new MapPropertySource("uplinkTestShutdown", Map.of(
                        "uplink.shutdown.drain-time", "0s", "uplink.gateway.shutdown.drain-time", "0s")));
    }
}
