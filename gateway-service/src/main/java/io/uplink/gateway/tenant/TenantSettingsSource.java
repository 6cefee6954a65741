package io.uplink.gateway.tenant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.uplink.gateway.auth.AuthenticationProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.Optional;

/** Tenant settings for callers whose credential did not carry them (JWT callers), cached like key lookups. */
@Component
public class TenantSettingsSource {

    private final MetadataClient metadata;
    private final ExpiringCache<TenantSettings> cache;

    public TenantSettingsSource(MetadataClient metadata, AuthenticationProperties properties, Clock clock) {
        this.metadata = metadata;
        this.cache = new ExpiringCache<>(clock, properties.keyCacheTtl(), properties.keyCacheMaxAge(),
                properties.unknownKeyCacheTtl());
    }

    public Mono<Optional<TenantSettings>> forTenant(String tenantId) {
        return cache.get(tenantId, id -> metadata.get("/api/v1/tenants/{id}", Tenant.class, id)
                .mapNotNull(Tenant::settings));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Tenant(String id, String status, TenantSettings settings) {
    }
}
