package io.uplink.servlet.identity;

import io.uplink.contracts.identity.IdentityAssertionVerifier;
import io.uplink.contracts.identity.IdentityKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.util.List;

/**
 * The identity filter on the service's {@link IdentityRoutes} and the {@link Caller} controller parameter. A service
 * imports it and declares its routes; one that serves uploaders also declares an {@link UploadTokenCheck}. Trusted keys
 * that do not parse stop the start, whatever the routes say.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
@Import(CallerHiddenFromOpenApiConfiguration.class)
public class VerifiedIdentityConfiguration implements WebMvcConfigurer {

    /** After tracing, so a refused call still has a trace id in its log line. */
    public static final int FILTER_ORDER = Ordered.LOWEST_PRECEDENCE - 10;

    private static final Logger log = LoggerFactory.getLogger(VerifiedIdentityConfiguration.class);

    @Bean
    @Conditional(TrustedKeysConfigured.class)
    IdentityAssertionVerifier identityAssertionVerifier(IdentityProperties properties, ObjectProvider<Clock> clock) {
        if (properties.name() == null || properties.name().isBlank()) {
            throw new IllegalStateException("uplink.identity.name (this service's audience) is not set");
        }
        return IdentityKeys.fromConfiguredTrustedKeys(properties.trustedKeys(),
                keys -> new IdentityAssertionVerifier(properties.name(), keys, clock.getIfUnique(Clock::systemUTC)));
    }

    @Bean
    FilterRegistrationBean<IdentityFilter> identityFilter(IdentityRoutes routes,
                                                          ObjectProvider<IdentityAssertionVerifier> verifier,
                                                          ObjectProvider<UploadTokenCheck> uploadTokens) {
        IdentityAssertionVerifier assertions = verifier.getIfAvailable();
        if (assertions == null) {
            if (routes.keysRequired()) {
                // A service that cannot verify callers must not serve its API.
                throw new IllegalStateException(IdentityKeys.TRUSTED_KEYS_SETTING + " is not set");
            }
            log.warn("{} is not set: every API request will be refused", IdentityKeys.TRUSTED_KEYS_SETTING);
        }
        var registration = new FilterRegistrationBean<>(new IdentityFilter(assertions, routes.exemptPaths(),
                routes.otherIssuers(), uploadTokens.getIfAvailable()));
        registration.setUrlPatterns(routes.urlPatterns());
        registration.setOrder(FILTER_ORDER);
        return registration;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }
}
