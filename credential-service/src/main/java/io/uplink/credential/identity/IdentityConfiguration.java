package io.uplink.credential.identity;

import io.uplink.contracts.identity.UploadTokenCodec;
import io.uplink.servlet.identity.IdentityProperties;
import io.uplink.servlet.identity.IdentityRoutes;
import io.uplink.servlet.identity.RevokedUploadTokens;
import io.uplink.servlet.identity.UploadTokenCheck;
import io.uplink.servlet.identity.VerifiedIdentityConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Clock;
import java.util.List;

/** The API needs a verified caller; an uploader reaches the upload routes only. */
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
    UploadTokenCodec uploadTokenCodec(IdentityProperties properties, Clock clock) {
        return new UploadTokenCodec(properties.secret(), clock);
    }

    @Bean
    UploadTokenCheck uploadTokenCheck(UploadTokenCodec uploadTokens, RevokedUploadTokens revoked) {
        return new UploadTokenCheck(uploadTokens, revoked, List.of("/api/v1/uploads", "/api/v1/s3/"));
    }
}
