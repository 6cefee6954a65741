package io.uplink.gateway.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * How many failed authentications a client may cause before the gateway stops verifying its credentials for a
 * while: each failure (an unknown, revoked, malformed or missing credential) costs verification work, and an
 * unknown API key costs a metadata-service lookup, so a client is allowed {@code failures} of them per
 * {@code window}, refilled continuously; past that, credentials that would cost a lookup or a fetch are answered
 * 429 with Retry-After (see {@link AuthenticationFilter}).
 *
 * @param failures failures a client may cause per window (also the burst)
 * @param window the window over which {@code failures} are allowed
 * @param maxClients the most clients remembered; past it, clients that have caused no failure recently are forgotten first
 * @param trustedProxies addresses or CIDR ranges (e.g. {@code 10.0.0.0/8}) of proxies in front of the gateway
 *                       whose X-Forwarded-For is believed; from any other peer the header is ignored, since a client
 *                       could otherwise claim a fresh address on every request
 */
@ConfigurationProperties("uplink.gateway.auth.failure-limit")
public record AuthenticationFailureLimitProperties(
        @DefaultValue("20") int failures,
        @DefaultValue("1m") Duration window,
        @DefaultValue("100000") int maxClients,
        @DefaultValue List<String> trustedProxies) {

    public AuthenticationFailureLimitProperties {
        if (failures < 1 || window.isNegative() || window.isZero() || maxClients < 1) {
            throw new IllegalArgumentException("uplink.gateway.auth.failure-limit needs failures >= 1, a positive window and max-clients >= 1");
        }
        trustedProxies = trustedProxies == null ? List.of()
                : trustedProxies.stream().map(String::trim).filter(proxy -> !proxy.isEmpty()).toList();
    }
}
