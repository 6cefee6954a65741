package io.uplink.servlet.shutdown;

import io.uplink.service.shutdown.ShutdownDrain;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** A stopping service drains before its web server stops ({@link ShutdownDrain}); a service imports it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ShutdownDrainProperties.class)
public class ShutdownDrainConfiguration {

    @Bean
    ShutdownDrain shutdownDrain(ApplicationEventPublisher events, ShutdownDrainProperties properties) {
        return new ShutdownDrain(events, properties.drainTime());
    }

    @Bean
    FilterRegistrationBean<ConnectionCloseWhileDraining> connectionCloseWhileDraining(ShutdownDrain drain) {
        var registration = new FilterRegistrationBean<>(new ConnectionCloseWhileDraining(drain));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
