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
    TenantRegistry tenantRegistry(TenantProperties properties, IdentityAssertionSigner signer, Clock clock) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return new TenantRegistry(http, properties.metadataInstances(), properties.requestTimeout(), signer, clock);
    }

    @Bean
    TenantSettingsSource tenantSettingsSource(TenantProperties properties, TenantRegistry registry, Clock clock) {
        if (!registry.configured()) {
            return new ConfiguredTenantSettingsSource(properties.defaults());
        }
        return new CachingTenantSettingsSource(new HttpTenantSettingsSource(registry, properties.defaults()),
                properties.cacheTtl(), properties.staleIfError(), clock);
    }
}
