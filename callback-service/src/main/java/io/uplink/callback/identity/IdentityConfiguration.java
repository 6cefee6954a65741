package io.uplink.callback.identity;

import io.uplink.contracts.identity.IdentityAssertionCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdentityConfiguration.class);

    // Without a secret the service still starts (fan-out and delivery need none) but fails closed on its API.
    @Bean
    FilterRegistrationBean<IdentityFilter> identityFilter(@Value("${uplink.identity.secret:}") String secret,
                                                          JsonMapper json) {
        IdentityAssertionCodec codec = null;
        if (secret.isBlank()) {
            log.warn("uplink.identity.secret (UPLINK_IDENTITY_SECRET) is not set: every API request will be refused");
        } else {
            codec = new IdentityAssertionCodec(secret, Clock.systemUTC());
        }
        FilterRegistrationBean<IdentityFilter> registration = new FilterRegistrationBean<>(new IdentityFilter(codec, json));
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
