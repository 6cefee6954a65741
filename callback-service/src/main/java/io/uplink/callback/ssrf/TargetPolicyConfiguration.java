package io.uplink.callback.ssrf;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TargetPolicyConfiguration {

    /** One resolver for registration and for the delivery client's connections. */
    @Bean
    HostResolver hostResolver() {
        return HostResolver.SYSTEM;
    }

    @Bean
    TargetPolicy targetPolicy(EndpointTargetProperties properties, HostResolver hostResolver) {
        return new TargetPolicy(properties, hostResolver);
    }
}
