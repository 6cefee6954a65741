package io.uplink.credential.quota;

import io.uplink.contracts.EventJson;
import io.uplink.credential.tenant.TenantRegistry;
import org.springframework.stereotype.Component;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Tenants' usage from metadata-service ({@code GET /api/v1/tenants/{id}/usage}), each kept for
 * {@code uplink.credential.quotas.usage-cache-ttl} so that minting costs a registry round trip only that often.
 */
@Component
class TenantUsageSource {

    private final TenantRegistry registry;
    private final QuotaProperties properties;
    private final Clock clock;
    private final ConcurrentMap<String, Measured> cache = new ConcurrentHashMap<>();

    TenantUsageSource(TenantRegistry registry, QuotaProperties properties, Clock clock) {
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return empty when there is no registry to ask or it cannot answer now */
    Optional<TenantUsage> usageOf(String tenantId) {
        if (!registry.configured()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Measured cached = cache.get(tenantId);
        if (cached != null && now.isBefore(cached.at().plus(properties.usageCacheTtl()))) {
            return Optional.of(cached.usage());
        }
        try {
            HttpResponse<byte[]> response = registry.get(tenantId, "/usage");
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            TenantUsage usage = EventJson.mapper().readValue(response.body(), TenantUsage.class);
            cache.put(tenantId, new Measured(usage, now));
            return Optional.of(usage);
        } catch (RuntimeException e) {
            // TenantLookupFailedException (unreachable), an unreadable answer: no usage to check against
            return Optional.empty();
        }
    }

    /**
     * Counts an admitted upload into the tenant's cached usage at once, so that a burst of mints within the cache
     * period is checked against what it already took, not against the same measured numbers each time.
     */
    void admitted(String tenantId, long size) {
        cache.computeIfPresent(tenantId, (id, measured) -> new Measured(new TenantUsage(
                measured.usage().storedBytes() + size, measured.usage().files() + 1,
                measured.usage().uploadsToday() + 1), measured.at()));
    }

    private record Measured(TenantUsage usage, Instant at) {
    }
}
