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
 * {@code ./uplink-local --oidc-issuer --oidc-jwks-uri}, exactly as an operator would configure a real one. It also
 * speaks OpenID Connect's authorization code flow (discovery, authorize, token) for the console's sign-in, with one
 * user already signed in at the provider: {@link #SIGNED_IN_ADMIN}, whom it lets in without asking.
 */
final class IdentityProvider implements AutoCloseable {

    static final String SIGNED_IN_ADMIN = "ops@provider";
    private static final String KEY_ID = "acceptance-signing-key";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final HttpServer server;
    private final KeyPair keys;
    /* authorization codes not yet exchanged: code -> the client and nonce they were issued for */
    private final Map<String, Map<String, String>> codes = new java.util.concurrent.ConcurrentHashMap<>();

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
            server.createContext("/.well-known/openid-configuration", exchange -> provider.respond(exchange, 200,
                    Map.of("issuer", provider.issuer(), "authorization_endpoint", provider.issuer() + "/authorize",
                            "token_endpoint", provider.issuer() + "/token", "jwks_uri", provider.jwksUri(),
                            "response_types_supported", List.of("code"), "subject_types_supported", List.of("public"),
                            "id_token_signing_alg_values_supported", List.of("RS256"),
                            "token_endpoint_auth_methods_supported", List.of("client_secret_basic"))));
            server.createContext("/authorize", provider::authorize);
            server.createContext("/token", provider::token);
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

    /** The user is signed in here already: straight back to the client with a code. */
    private void authorize(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            String code = java.util.UUID.randomUUID().toString();
            codes.put(code, Map.of("client_id", query.get("client_id"), "nonce", query.getOrDefault("nonce", ""),
                    "redirect_uri", query.get("redirect_uri")));
            String back = query.get("redirect_uri") + "?code=" + code + "&state="
                    + java.net.URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Location", back);
            exchange.sendResponseHeaders(302, -1);
        }
    }

    /** Exchanges a code, once, for an ID token and an admin's access token. */
    private void token(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        Map<String, String> request = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Map<String, String> issued = codes.remove(request.getOrDefault("code", ""));
        if (issued == null || !issued.get("redirect_uri").equals(request.get("redirect_uri"))) {
            respond(exchange, 400, Map.of("error", "invalid_grant"));
            return;
        }
        Instant now = Instant.now();
        Map<String, Object> idToken = new LinkedHashMap<>();
        idToken.put("iss", issuer());
        idToken.put("sub", SIGNED_IN_ADMIN);
        idToken.put("aud", issued.get("client_id"));
        idToken.put("iat", now.getEpochSecond());
        idToken.put("exp", now.plusSeconds(300).getEpochSecond());
        if (!issued.get("nonce").isEmpty()) {
            idToken.put("nonce", issued.get("nonce"));
        }
        respond(exchange, 200, Map.of("access_token", adminToken(SIGNED_IN_ADMIN, Duration.ofMinutes(5)),
                "token_type", "Bearer", "expires_in", 300, "scope", "openid", "id_token", sign(idToken)));
    }

    private void respond(com.sun.net.httpserver.HttpExchange exchange, int status, Object body) throws IOException {
        try (exchange) {
            byte[] json = EventJson.write(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, json.length);
            exchange.getResponseBody().write(json);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                int equals = pair.indexOf('=');
                String name = java.net.URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                values.put(name, equals < 0 ? "" : java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
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
