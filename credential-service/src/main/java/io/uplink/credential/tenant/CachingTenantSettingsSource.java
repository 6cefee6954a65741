package io.uplink.credential.tenant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keeps each tenant's settings for a while so minting a credential does not cost a registry round trip. Failures
 * are not cached: the next request asks again.
 */
class CachingTenantSettingsSource implements TenantSettingsSource {

    private final TenantSettingsSource delegate;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();

    CachingTenantSettingsSource(TenantSettingsSource delegate, Duration ttl, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public TenantSettings settingsFor(String tenantId) {
        Instant now = clock.instant();
        Cached cached = cache.get(tenantId);
        if (cached != null && now.isBefore(cached.expiresAt())) {
            return cached.settings();
        }
        TenantSettings settings = delegate.settingsFor(tenantId);
        cache.put(tenantId, new Cached(settings, now.plus(ttl)));
        return settings;
    }

    private record Cached(TenantSettings settings, Instant expiresAt) {
    }
}
