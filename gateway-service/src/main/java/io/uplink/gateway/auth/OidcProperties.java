package io.uplink.gateway.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * OIDC bearer tokens are accepted only when both an issuer and its JWKS are configured.
 *
 * @param issuer the exact {@code iss} accepted
 * @param jwksUri where the issuer publishes its signing keys
 * @param audience when set, the {@code aud} the token must carry
 * @param tenantClaim the claim naming the caller's tenant
 * @param rolesClaim the claim listing roles (array or space-separated string); {@code admin} grants admin routes
 * @param clockSkew tolerance on {@code exp}/{@code nbf}
 */
@ConfigurationProperties("uplink.gateway.oidc")
public record OidcProperties(
        String issuer,
        URI jwksUri,
        String audience,
        @DefaultValue("tenant_id") String tenantClaim,
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue("30s") Duration clockSkew) {

    public boolean enabled() {
        return issuer != null && !issuer.isBlank() && jwksUri != null;
    }
}
