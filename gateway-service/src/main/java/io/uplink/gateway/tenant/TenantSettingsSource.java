package io.uplink.gateway.tenant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.Optional;

/**
 * Tenants of callers whose credential did not carry them (JWT callers, upload tokens): status and settings, cached
 * like key lookups, so a suspension reaches these callers within the key cache's age too.
 */
@Component
public class TenantSettingsSource {

    private final MetadataClient metadata;
    private final ExpiringCache<Tenant> cache;

    public TenantSettingsSource(MetadataClient metadata, CacheLimits limits, Clock clock) {
        this.metadata = metadata;
        this.cache = new ExpiringCache<>(clock, limits);
    }

    public Mono<Optional<Tenant>> tenant(String tenantId) {
        return cache.get(tenantId, id -> metadata.get("/api/v1/tenants/{id}", Tenant.class, id));
    }

    public Mono<Optional<TenantSettings>> forTenant(String tenantId) {
        return tenant(tenantId).map(found -> found.map(Tenant::settings));
    }

    /** A tenant as the registry describes it; only its status and settings matter here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tenant(String id, String status, TenantSettings settings) {

        public boolean isSuspended() {
            return "suspended".equals(status);
        }
    }
}
