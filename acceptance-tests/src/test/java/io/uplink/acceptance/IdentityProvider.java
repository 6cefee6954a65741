package io.uplink.acceptance;

import com.sun.net.httpserver.HttpServer;
import io.uplink.contracts.EventJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The company identity provider the platform's admins sign in with: publishes an RSA signing key as a JWKS over real
 * HTTP, and issues RS256 tokens carrying {@code roles: ["admin"]}. The gateway is pointed at it through
 * {@code ./uplink-local --oidc-issuer --oidc-jwks-uri}, exactly as an operator would configure a real one.
 */
final class IdentityProvider implements AutoCloseable {

    private static final String KEY_ID = "acceptance-signing-key";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final HttpServer server;
    private final KeyPair keys;

    private IdentityProvider(HttpServer server, KeyPair keys) {
        this.server = server;
        this.keys = keys;
    }

    static IdentityProvider start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            IdentityProvider provider = new IdentityProvider(server, keys);
            byte[] jwks = EventJson.write(Map.of("keys", List.of(provider.publicJwk())));
            server.createContext("/jwks", exchange -> {
                try (exchange) {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, jwks.length);
                    exchange.getResponseBody().write(jwks);
                }
            });
            server.start();
            return provider;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String jwksUri() {
        return issuer() + "/jwks";
    }

    /** A token for a platform admin (no tenant), valid for the given time. */
    String adminToken(String subject, Duration validity) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer());
        claims.put("sub", subject);
        claims.put("roles", List.of("admin"));
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(validity).getEpochSecond());
        return sign(claims);
    }

    private String sign(Map<String, Object> claims) {
        String header = BASE64URL.encodeToString(EventJson.write(Map.of("alg", "RS256", "typ", "JWT", "kid", KEY_ID)));
        String payload = BASE64URL.encodeToString(EventJson.write(claims));
        String signingInput = header + "." + payload;
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> publicJwk() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        return Map.of("kty", "RSA", "use", "sig", "alg", "RS256", "kid", KEY_ID,
                "n", BASE64URL.encodeToString(unsigned(key.getModulus())),
                "e", BASE64URL.encodeToString(unsigned(key.getPublicExponent())));
    }

    /** JWK integers are unsigned big-endian, without the sign byte BigInteger may add. */
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
