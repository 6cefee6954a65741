package io.uplink.callback;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.testsupport.identity.TestIdentityKeys;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Calls the service's API as the gateway would: with a signed identity assertion for a tenant. */
public final class ApiClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final String tenantId;

    public ApiClient(int port, String tenantId) {
        this.port = port;
        this.tenantId = tenantId;
    }

    /** A signed assertion as the gateway would issue it, for tests that need an unusual one. */
    public static String identity(String tenantId, List<String> roles, Instant expiresAt) {
        return TestIdentityKeys.gateway().sign(new IdentityAssertion(IdentityAssertion.ISSUER_GATEWAY,
                IdentityAssertion.AUDIENCE_CALLBACK, tenantId, "key_test", roles, expiresAt));
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : EventJson.writeString(body)))
                .header("Content-Type", "application/json");
        if (tenantId != null) {
            request.header(IdentityAssertion.HEADER, identity(tenantId, List.of(IdentityAssertion.ROLE_TENANT),
                    Instant.now().plusSeconds(30)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String contentType, String body) {

        @SuppressWarnings("unchecked")
        public Map<String, Object> json() {
            return EventJson.read(body, Map.class);
        }
    }
}
