package io.uplink.servlet.limits;

import io.uplink.servlet.identity.VerifiedIdentityConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every request body of the service limited in size; a service imports it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestBodyLimitProperties.class)
public class RequestBodyLimitConfiguration {

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(RequestBodyLimitProperties properties) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(properties.maxSize().toBytes()));
        registration.addUrlPatterns("/*");
        // before the identity filter: an oversized body is refused before anything is verified or read
        registration.setOrder(VerifiedIdentityConfiguration.FILTER_ORDER - 1);
        return registration;
    }
}
