package io.uplink.metadata.identity;

import io.uplink.servlet.identity.IdentityRoutes;
import io.uplink.servlet.identity.VerifiedIdentityConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The public and the internal API need a verified caller; without the secret the service does not start. */
@Configuration(proxyBeanMethods = false)
@Import(VerifiedIdentityConfiguration.class)
class IdentityConfiguration {

    @Bean
    IdentityRoutes identityRoutes() {
        return IdentityRoutes.guarding("/api/*", "/internal/*");
    }
}
