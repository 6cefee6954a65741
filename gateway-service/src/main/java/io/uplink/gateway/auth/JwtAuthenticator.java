package io.uplink.gateway.auth;

import io.uplink.gateway.identity.Caller;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.gateway.tenant.TenantSettingsSource;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Verifies OIDC bearer tokens against the issuer's JWKS. Keys are fetched once and refetched only when a token
 * names a key id we do not know (key rotation), at most once per {@link #MIN_REFRESH_INTERVAL}.
 */
@Component
public class JwtAuthenticator {

    private static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(10);

    private final OidcProperties properties;
    private final TenantSettingsSource tenantSettings;
    private final Clock clock;
    private final WebClient http = WebClient.create();
    private final AtomicReference<Keys> keys = new AtomicReference<>(new Keys(new JWKSet(), Instant.EPOCH));

    public JwtAuthenticator(OidcProperties properties, TenantSettingsSource tenantSettings, Clock clock) {
        this.properties = properties;
        this.tenantSettings = tenantSettings;
        this.clock = clock;
    }

    public static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    public Mono<Caller> authenticate(String token) {
        if (!properties.enabled()) {
            return Mono.error(AuthenticationFilter.unauthorized("bearer tokens are not accepted here"));
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            return Mono.error(AuthenticationFilter.unauthorized("malformed bearer token"));
        }
        String keyId = jwt.getHeader().getKeyID();
        return keyFor(keyId)
                .switchIfEmpty(Mono.error(() -> AuthenticationFilter.unauthorized("token signed by an unknown key")))
                .map(key -> verify(jwt, key))
                .flatMap(this::toCaller);
    }

    private Mono<JWK> keyFor(String keyId) {
        Keys current = keys.get();
        JWK known = find(current.set(), keyId);
        if (known != null) {
            return Mono.just(known);
        }
        if (current.fetchedAt().plus(MIN_REFRESH_INTERVAL).isAfter(clock.instant())) {
            return Mono.empty();
        }
        return http.get().uri(properties.jwksUri()).retrieve().bodyToMono(String.class)
                .timeout(Duration.ofSeconds(3))
                .map(body -> {
                    try {
                        JWKSet set = JWKSet.parse(body);
                        keys.set(new Keys(set, clock.instant()));
                        return set;
                    } catch (ParseException e) {
                        throw new IllegalStateException("the issuer's JWKS is malformed", e);
                    }
                })
                .mapNotNull(set -> find(set, keyId))
                .onErrorMap(e -> !(e instanceof io.uplink.gateway.problem.GatewayProblemException),
                        e -> AuthenticationFilter.unauthorized("the token's signing keys are unavailable"));
    }

    private static JWK find(JWKSet set, String keyId) {
        if (keyId != null) {
            return set.getKeyByKeyId(keyId);
        }
        return set.getKeys().size() == 1 ? set.getKeys().get(0) : null;
    }

    private JWTClaimsSet verify(SignedJWT jwt, JWK jwk) {
        try {
            Key key = jwk.isPrivate() ? null : switch (jwk.getKeyType().getValue()) {
                case "RSA" -> jwk.toRSAKey().toRSAPublicKey();
                case "EC" -> jwk.toECKey().toECPublicKey();
                default -> null;
            };
            if (key == null) {
                throw AuthenticationFilter.unauthorized("unsupported signing key");
            }
            JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(), key);
            if (!jwt.verify(verifier)) {
                throw AuthenticationFilter.unauthorized("token signature does not verify");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            checkTimes(claims);
            if (!properties.issuer().equals(claims.getIssuer())) {
                throw AuthenticationFilter.unauthorized("token from an untrusted issuer");
            }
            if (properties.audience() != null && !properties.audience().isBlank()
                    && (claims.getAudience() == null || !claims.getAudience().contains(properties.audience()))) {
                throw AuthenticationFilter.unauthorized("token not meant for this audience");
            }
            return claims;
        } catch (JOSEException | ParseException e) {
            throw AuthenticationFilter.unauthorized("token cannot be verified");
        }
    }

    private void checkTimes(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        if (expiry == null || expiry.toInstant().plus(properties.clockSkew()).isBefore(now)) {
            throw AuthenticationFilter.unauthorized("token expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().minus(properties.clockSkew()).isAfter(now)) {
            throw AuthenticationFilter.unauthorized("token not valid yet");
        }
    }

    private Mono<Caller> toCaller(JWTClaimsSet claims) {
        List<String> roles = roles(claims.getClaim(properties.rolesClaim()));
        Object tenantClaim = claims.getClaim(properties.tenantClaim());
        String tenantId = tenantClaim instanceof String s && !s.isBlank() ? s : null;
        String subject = claims.getSubject() != null ? claims.getSubject() : "unknown";
        if (tenantId == null) {
            if (!roles.contains(IdentityAssertion.ROLE_ADMIN)) {
                return Mono.error(AuthenticationFilter.unauthorized("token carries no tenant"));
            }
            return Mono.just(new Caller(null, subject, roles, null));
        }
        List<String> effectiveRoles = roles.isEmpty() ? List.of(IdentityAssertion.ROLE_TENANT) : roles;
        return tenantSettings.tenant(tenantId)
                .onErrorReturn(java.util.Optional.empty())
                .map(tenant -> new Caller(tenantId, subject, effectiveRoles,
                        SuspendedTenants.refuse(tenant).map(TenantSettingsSource.Tenant::settings).orElse(null)));
    }

    private static List<String> roles(Object claim) {
        if (claim instanceof List<?> list) {
            return list.stream().map(String::valueOf)
                    .filter(r -> r.equals(IdentityAssertion.ROLE_ADMIN) || r.equals(IdentityAssertion.ROLE_TENANT))
                    .toList();
        }
        if (claim instanceof String s) {
            return Arrays.stream(s.split(" "))
                    .filter(r -> r.equals(IdentityAssertion.ROLE_ADMIN) || r.equals(IdentityAssertion.ROLE_TENANT))
                    .toList();
        }
        return List.of();
    }

    private record Keys(JWKSet set, Instant fetchedAt) {
    }
}
