package io.uplink.gateway.shutdown;

import io.uplink.service.shutdown.ShutdownDrain;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A stopping gateway drains before its web server stops; {@link ConnectionCloseWhileDraining} reads the drain. */
@Configuration(proxyBeanMethods = false)
class ShutdownDrainConfiguration {

    @Bean
    ShutdownDrain shutdownDrain(ApplicationEventPublisher events, ShutdownDrainProperties properties) {
        return new ShutdownDrain(events, properties.drainTime());
    }
}
