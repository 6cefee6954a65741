package io.uplink.console.signin;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/** The provider's client registration, found by OpenID Connect discovery at start, when an issuer is configured. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${uplink.console.oidc.issuer:}'.trim() != ''")
class OidcClientConfiguration {

    static final String REGISTRATION = "oidc";

    @Bean
    ClientRegistrationRepository consoleClientRegistrations(OidcProperties oidc) {
        if (oidc.clientId() == null || oidc.clientId().isBlank() || oidc.publicUrl() == null) {
            throw new IllegalStateException("uplink.console.oidc needs client-id and public-url beside the issuer");
        }
        ClientRegistration registration = ClientRegistrations.fromIssuerLocation(oidc.issuer())
                .registrationId(REGISTRATION)
                .clientId(oidc.clientId())
                .clientSecret(oidc.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .scope("openid")
                .redirectUri(oidc.publicUrl().toString().replaceAll("/+$", "") + "/console/login/oauth2/code/{registrationId}")
                .build();
        return new InMemoryClientRegistrationRepository(registration);
    }
}
