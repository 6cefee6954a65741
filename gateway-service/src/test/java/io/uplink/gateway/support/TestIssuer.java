package io.uplink.gateway.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

/** A real OIDC issuer's signing side: an RSA key generated per test JVM, its JWKS served over HTTP. */
public final class TestIssuer {

    public static final String ISSUER = "https://issuer.uplink.test";

    private final RSAKey signingKey;
    private final EchoUpstream server;

    public TestIssuer(EchoUpstream server) {
        this.server = server;
        this.signingKey = generate("test-key-1");
        String jwks = new JWKSet(signingKey.toPublicJWK()).toString();
        server.handle("/jwks", (method, path, headers, body) ->
                new EchoUpstream.Response(200, "application/json", jwks, Map.of()));
    }

    public String jwksUri() {
        return server.baseUrl() + "/jwks";
    }

    static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String token(String issuer, Instant expiresAt, Map<String, Object> claims) {
        return sign(signingKey, issuer, expiresAt, claims);
    }

    /** A token signed by a key the issuer never published. */
    public String forgedToken(Map<String, Object> claims) {
        return sign(generate("test-key-1"), ISSUER, Instant.now().plusSeconds(300), claims);
    }

    private static String sign(RSAKey key, String issuer, Instant expiresAt, Map<String, Object> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(issuer).subject("user-1").issueTime(new Date()).expirationTime(Date.from(expiresAt));
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), builder.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
