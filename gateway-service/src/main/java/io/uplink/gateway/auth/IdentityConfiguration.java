package io.uplink.gateway.auth;

import io.uplink.contracts.identity.IdentityAssertionCodec;
import io.uplink.contracts.identity.UploadTokenCodec;
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

    @Bean
    IdentityAssertionCodec identityAssertionCodec(IdentityProperties properties, Clock clock) {
        return new IdentityAssertionCodec(properties.secret(), clock);
    }

    @Bean
    UploadTokenCodec uploadTokenCodec(IdentityProperties properties, Clock clock) {
        return new UploadTokenCodec(properties.secret(), clock);
    }
}
