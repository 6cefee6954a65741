package io.uplink.credential.tenant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keeps each tenant's settings for a while so minting a credential does not cost a registry round trip. Failures
 * are not cached: the next request asks again. While the registry cannot be reached (metadata-service restarting,
 * its database down) the last answer keeps serving for {@code staleIfError}: tenants keep uploading under the limits
 * they had a moment ago, instead of the outage of one service stopping every upload. A registry that answers "unknown"
 * or "suspended" is believed at once.
 */
class CachingTenantSettingsSource implements TenantSettingsSource {

    private static final Logger log = LoggerFactory.getLogger(CachingTenantSettingsSource.class);

    private final TenantSettingsSource delegate;
    private final Duration ttl;
    private final Duration staleIfError;
    private final Clock clock;
    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();

    CachingTenantSettingsSource(TenantSettingsSource delegate, Duration ttl, Duration staleIfError, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.staleIfError = staleIfError;
        this.clock = clock;
    }

    @Override
    public TenantSettings settingsFor(String tenantId) {
        Instant now = clock.instant();
        Cached cached = cache.get(tenantId);
        if (cached != null && now.isBefore(cached.fetchedAt().plus(ttl))) {
            return cached.settings();
        }
        TenantSettings settings;
        try {
            settings = delegate.settingsFor(tenantId);
        } catch (TenantLookupFailedException e) {
            if (cached != null && now.isBefore(cached.fetchedAt().plus(ttl).plus(staleIfError))) {
                log.warn("tenant registry unavailable ({}); serving {}'s settings fetched at {}", e.getMessage(),
                        tenantId, cached.fetchedAt());
                return cached.settings();
            }
            throw e;
        } catch (TenantUnavailableException e) {
            cache.remove(tenantId);
            throw e;
        }
        cache.put(tenantId, new Cached(settings, now));
        return settings;
    }

    private record Cached(TenantSettings settings, Instant fetchedAt) {
    }
}
