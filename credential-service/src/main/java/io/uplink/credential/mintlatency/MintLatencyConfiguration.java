package io.uplink.credential.mintlatency;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers {@link MintLatency} for every handler; it times only those marked {@link MintsCredentials}. */
@Configuration(proxyBeanMethods = false)
class MintLatencyConfiguration implements WebMvcConfigurer {

    private final MeterRegistry registry;

    MintLatencyConfiguration(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new MintLatency(this.registry));
    }
}
