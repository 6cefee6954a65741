package io.uplink.gateway.auth;

import io.uplink.gateway.tenant.CacheLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param environment the only API-key environment this gateway accepts ({@code upk_<environment>_…})
 * @param keyCacheTtl how long a resolved key (and tenant settings) is used without asking again; after that the
 *                    cached answer is still served while one lookup refreshes it in the background
 * @param keyCacheMaxAge the longest a resolved key (and tenant settings) is used at all, refreshed or not:
 *                       revocation and suspension take effect within this time, so it must stay at or below 60 s
 * @param unknownKeyCacheTtl how long an unknown key is remembered as unknown (spares metadata-service from floods)
 * @param keyCacheMaxEntries the most resolved keys (and tenants) held; unknown ones never take their room
 * @param unknownKeyCacheMaxEntries the most unknown keys (and tenants) remembered as unknown, held apart from the
 *                                  resolved ones so that a flood of made-up keys can only push out others like it
 * @param assertionTtl validity of the identity assertion forwarded upstream
 */
@ConfigurationProperties("uplink.gateway.auth")
public record AuthenticationProperties(
        @DefaultValue("local") String environment,
        @DefaultValue("30s") Duration keyCacheTtl,
        @DefaultValue("60s") Duration keyCacheMaxAge,
        @DefaultValue("5s") Duration unknownKeyCacheTtl,
        @DefaultValue("100000") int keyCacheMaxEntries,
        @DefaultValue("20000") int unknownKeyCacheMaxEntries,
        @DefaultValue("30s") Duration assertionTtl) {

    public AuthenticationProperties {
        if (keyCacheMaxAge.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("uplink.gateway.auth.key-cache-max-age must be at most 60s so revocation takes effect within a minute");
        }
        if (keyCacheTtl.compareTo(keyCacheMaxAge) > 0) {
            throw new IllegalArgumentException("uplink.gateway.auth.key-cache-ttl must not exceed key-cache-max-age");
        }
    }

    /** The bounds of the caches of metadata-service's answers: API keys and tenant settings. */
    public CacheLimits keyCacheLimits() {
        return new CacheLimits(keyCacheTtl, keyCacheMaxAge, unknownKeyCacheTtl, keyCacheMaxEntries, unknownKeyCacheMaxEntries);
    }
}
