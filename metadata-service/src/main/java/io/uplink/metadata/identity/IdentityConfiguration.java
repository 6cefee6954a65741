package io.uplink.metadata.identity;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.servlet.identity.IdentityRoutes;
import io.uplink.servlet.identity.VerifiedIdentityConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The public and the internal API need a verified caller; without trusted keys the service does not start. Besides
 * the gateway, credential-service is heard, as a tenant reader only: it looks tenants' settings up.
 */
@Configuration(proxyBeanMethods = false)
@Import(VerifiedIdentityConfiguration.class)
class IdentityConfiguration {

    @Bean
    IdentityRoutes identityRoutes() {
        return IdentityRoutes.guarding("/api/*", "/internal/*")
                .acceptingFrom(IdentityAssertion.ISSUER_CREDENTIAL, IdentityAssertion.ROLE_TENANT_READER);
    }
}
