package io.uplink.console.signin;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;

/**
 * Sign-in through the company's OpenID Connect provider (authorization code flow), beside keys and tokens. The
 * provider is found by discovery at {@code issuer}; its access token, checked by the gateway like any other, is then
 * the session's credential. Without an issuer the console signs in with keys and pasted tokens only.
 *
 * @param issuer the provider's issuer URL (the gateway's {@code UPLINK_OIDC_ISSUER}); blank = no such sign-in
 * @param clientId the console's client at the provider
 * @param clientSecret its secret (client_secret_basic)
 * @param publicUrl where browsers reach the gateway ({@code https://uplink.example.com}): the provider sends them back
 *                  to {@code <publicUrl>/console/login/oauth2/code/oidc}
 */
@ConfigurationProperties("uplink.console.oidc")
public record OidcProperties(String issuer, String clientId, String clientSecret, URI publicUrl) {

    public OidcProperties {
        issuer = issuer == null || issuer.isBlank() ? null : issuer.trim();
    }

    public boolean enabled() {
        return issuer != null;
    }
}
