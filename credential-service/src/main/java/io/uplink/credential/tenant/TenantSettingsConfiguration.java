package io.uplink.credential.tenant;

import io.uplink.contracts.identity.IdentityAssertionSigner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class TenantSettingsConfiguration {

    @Bean
    TenantSettingsSource tenantSettingsSource(TenantProperties properties, IdentityAssertionSigner signer, Clock clock) {
        if (properties.metadataInstances().isEmpty()) {
            return new ConfiguredTenantSettingsSource(properties.defaults());
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var registry = new HttpTenantSettingsSource(http, properties.metadataInstances(), properties.requestTimeout(), signer,
                clock, properties.defaults());
        return new CachingTenantSettingsSource(registry, properties.cacheTtl(), properties.staleIfError(), clock);
    }
}
