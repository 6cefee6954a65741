package io.uplink.callback.ssrf;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TargetPolicyConfiguration {

    @Bean
    TargetPolicy targetPolicy(EndpointTargetProperties properties) {
        return new TargetPolicy(properties, HostResolver.SYSTEM);
    }
}
