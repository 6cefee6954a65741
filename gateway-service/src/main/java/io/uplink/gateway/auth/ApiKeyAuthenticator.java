package io.uplink.gateway.auth;

import io.uplink.gateway.identity.Caller;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.gateway.problem.GatewayProblemException;
import io.uplink.gateway.tenant.ExpiringCache;
import io.uplink.gateway.tenant.MetadataClient;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.List;

/** Resolves API keys through metadata-service's key registry, caching answers for a short, bounded time. */
@Component
public class ApiKeyAuthenticator {

    private final AuthenticationProperties properties;
    private final MetadataClient metadata;
    private final ExpiringCache<KeyResolution> cache;

    public ApiKeyAuthenticator(AuthenticationProperties properties, MetadataClient metadata, Clock clock) {
        this.properties = properties;
        this.metadata = metadata;
        this.cache = new ExpiringCache<>(clock, properties.keyCacheLimits());
    }

    public Mono<Caller> authenticate(String token) {
        ApiKey key = ApiKey.parse(token).orElseThrow(() -> AuthenticationFilter.unauthorized("malformed API key"));
        if (!key.environment().equals(properties.environment())) {
            // refused before any lookup: a test key must never reach live data, whatever the registry says
            return Mono.error(AuthenticationFilter.unauthorized("API key belongs to another environment"));
        }
        return cache.get(key.sha256Hex(), hash -> metadata.get("/internal/v1/api-keys/{hash}", KeyResolution.class, hash))
                .onErrorMap(error -> !(error instanceof GatewayProblemException),
                        error -> new GatewayProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                                "API keys cannot be verified right now", retryAfterOneSecond()))
                .map(found -> found.orElseThrow(() -> AuthenticationFilter.unauthorized("unknown API key")))
                .map(this::toCaller);
    }

    /** Whether this key's resolution is cached, so verifying it costs no lookup. */
    boolean resolvesWithoutLookup(String token) {
        return ApiKey.parse(token).map(key -> cache.holdsValue(key.sha256Hex())).orElse(false);
    }

    private Caller toCaller(KeyResolution resolution) {
        if (!resolution.keyActive()) {
            throw AuthenticationFilter.unauthorized("API key revoked");
        }
        if (!resolution.tenantActive()) {
            throw new GatewayProblemException(HttpStatus.FORBIDDEN, "Forbidden", "tenant suspended");
        }
        List<String> roles = resolution.roles() == null || resolution.roles().isEmpty()
                ? List.of(IdentityAssertion.ROLE_TENANT) : resolution.roles();
        return new Caller(resolution.tenantId(), resolution.keyId(), roles, resolution.settings());
    }

    private static org.springframework.http.HttpHeaders retryAfterOneSecond() {
        var headers = new org.springframework.http.HttpHeaders();
        headers.set(org.springframework.http.HttpHeaders.RETRY_AFTER, "1");
        return headers;
    }
}
