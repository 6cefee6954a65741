package io.uplink.credential.identity;

import io.uplink.contracts.identity.IdentityAssertionSigner;
import io.uplink.contracts.identity.IdentityKeys;
import io.uplink.contracts.identity.UploadTokenSigner;
import io.uplink.contracts.identity.UploadTokenVerifier;
import io.uplink.servlet.identity.IdentityProperties;
import io.uplink.servlet.identity.IdentityRoutes;
import io.uplink.servlet.identity.RevokedUploadTokens;
import io.uplink.servlet.identity.UploadTokenCheck;
import io.uplink.servlet.identity.VerifiedIdentityConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.security.PrivateKey;
import java.time.Clock;
import java.util.List;

/**
 * The API needs a verified caller (from the gateway only); an uploader reaches the upload routes only. The service
 * signs with its own private key as issuer {@code credential}: upload tokens, and its tenant lookups at
 * metadata-service. Without that key, or without its own public key among the trusted ones, it does not start.
 */
@Configuration(proxyBeanMethods = false)
@Import(VerifiedIdentityConfiguration.class)
class IdentityConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** OSS calls its callback without a tenant identity; that endpoint verifies OSS's own signature instead. */
    @Bean
    IdentityRoutes identityRoutes() {
        return IdentityRoutes.guarding("/api/*").except("/api/v1/oss/callback");
    }

    @Bean
    IdentityAssertionSigner identityAssertionSigner(IdentityProperties properties) {
        return new IdentityAssertionSigner(properties.name(), privateKey(properties));
    }

    @Bean
    UploadTokenSigner uploadTokenSigner(IdentityProperties properties) {
        return new UploadTokenSigner(privateKey(properties));
    }

    @Bean
    UploadTokenVerifier uploadTokenVerifier(IdentityProperties properties, Clock clock) {
        return IdentityKeys.fromConfiguredTrustedKeys(properties.trustedKeys(),
                keys -> UploadTokenVerifier.fromTrustedKeys(keys, clock));
    }

    @Bean
    UploadTokenCheck uploadTokenCheck(UploadTokenVerifier uploadTokens, RevokedUploadTokens revoked) {
        return new UploadTokenCheck(uploadTokens, revoked, List.of("/api/v1/uploads", "/api/v1/s3/"));
    }

    private static PrivateKey privateKey(IdentityProperties properties) {
        return IdentityKeys.configuredPrivateKey(properties.privateKey());
    }
}
