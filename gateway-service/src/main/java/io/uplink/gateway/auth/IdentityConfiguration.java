package io.uplink.gateway.auth;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionSigner;
import io.uplink.contracts.identity.IdentityKeys;
import io.uplink.contracts.identity.UploadTokenVerifier;
import io.uplink.gateway.tenant.CacheLimits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The same bounds for tenant settings as for API keys: both are metadata-service's answers about a tenant. */
    @Bean
    CacheLimits registryCacheLimits(AuthenticationProperties properties) {
        return properties.keyCacheLimits();
    }

    /** Signs as issuer {@code gateway}; without a usable private key the gateway does not start. */
    @Bean
    IdentityAssertionSigner identityAssertionSigner(IdentityProperties properties) {
        return new IdentityAssertionSigner(IdentityAssertion.ISSUER_GATEWAY,
                IdentityKeys.configuredPrivateKey(properties.privateKey()));
    }

    /** Upload tokens verify under credential-service's public key; without it the gateway does not start. */
    @Bean
    UploadTokenVerifier uploadTokenVerifier(IdentityProperties properties, Clock clock) {
        return IdentityKeys.fromConfiguredTrustedKeys(properties.trustedKeys(),
                keys -> UploadTokenVerifier.fromTrustedKeys(keys, clock));
    }
}
