package io.uplink.callback.identity;

import io.uplink.servlet.identity.IdentityRoutes;
import io.uplink.servlet.identity.VerifiedIdentityConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The API needs a verified caller; actuator and the OpenAPI document are not under {@code /api}, so they stay open
 * for the platform. Without trusted keys the service still starts (fan-out and delivery need none) and refuses its API.
 */
@Configuration(proxyBeanMethods = false)
@Import(VerifiedIdentityConfiguration.class)
class IdentityConfiguration {

    @Bean
    IdentityRoutes identityRoutes() {
        return IdentityRoutes.guarding("/api/*").startingWithoutKeys();
    }
}
