package io.uplink.metadata.identity;

import io.uplink.contracts.identity.IdentityAssertionCodec;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class IdentityConfig {

    /** Fails the start without a secret: a service that cannot verify identities must not serve its API. */
    @Bean
    IdentityAssertionCodec identityAssertionCodec(IdentityProperties properties) {
        return new IdentityAssertionCodec(properties.secret(), Clock.systemUTC());
    }

    @Bean
    FilterRegistrationBean<IdentityAssertionFilter> identityAssertionFilter(IdentityAssertionCodec codec) {
        FilterRegistrationBean<IdentityAssertionFilter> registration =
                new FilterRegistrationBean<>(new IdentityAssertionFilter(codec));
        registration.addUrlPatterns("/api/*", "/internal/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
