package io.uplink.credential.identity;

import io.uplink.contracts.identity.IdentityAssertionCodec;
import io.uplink.contracts.identity.UploadTokenCodec;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.util.List;

@Configuration(proxyBeanMethods = false)
class IdentityConfiguration implements WebMvcConfigurer {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    IdentityAssertionCodec identityAssertionCodec(IdentityProperties properties, Clock clock) {
        return new IdentityAssertionCodec(properties.secret(), clock);
    }

    @Bean
    UploadTokenCodec uploadTokenCodec(IdentityProperties properties, Clock clock) {
        return new UploadTokenCodec(properties.secret(), clock);
    }

    @Bean
    FilterRegistrationBean<IdentityFilter> identityFilter(IdentityAssertionCodec codec, UploadTokenCodec uploadTokens,
                                                          RevokedUploadTokens revoked) {
        var registration = new FilterRegistrationBean<>(new IdentityFilter(codec, uploadTokens, revoked));
        registration.addUrlPatterns("/api/*");
        // After tracing so a rejected call still has a trace id in its log line.
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }
}
