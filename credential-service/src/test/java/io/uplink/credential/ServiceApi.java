package io.uplink.credential;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.UploadToken;
import io.uplink.testsupport.identity.TestIdentityKeys;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** Calls the running service over real HTTP, as the gateway would: with a signed identity assertion. */
public final class ServiceApi {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    public ServiceApi(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    public String assertionFor(String tenantId) {
        return TestIdentityKeys.fromGateway(IdentityAssertion.AUDIENCE_CREDENTIAL, tenantId, "key_test",
                List.of(IdentityAssertion.ROLE_TENANT));
    }

    /** What the gateway forwards for an end user with an upload token: an uploader's assertion and the token. */
    public HttpRequest.Builder uploaderRequest(UploadToken token, String signedToken, String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .header(IdentityAssertion.HEADER, TestIdentityKeys.fromGateway(IdentityAssertion.AUDIENCE_CREDENTIAL,
                        token.tenantId(), token.subject(), List.of(IdentityAssertion.ROLE_UPLOADER)))
                .header(UploadToken.HEADER, signedToken);
    }

    public Response post(String tenantId, String path, Object body) {
        HttpRequest.Builder request = request(tenantId, path).header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : EventJson.writeString(body)));
        return send(request.build());
    }

    public Response get(String tenantId, String path) {
        return send(request(tenantId, path).GET().build());
    }

    public Response delete(String tenantId, String path) {
        return send(request(tenantId, path).DELETE().build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String tenantId, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path));
        if (tenantId != null) {
            builder.header(IdentityAssertion.HEADER, assertionFor(tenantId));
        }
        return builder;
    }

    public record Response(int status, String contentType, String body) {

        public JsonNode json() {
            return EventJson.mapper().readTree(body);
        }
    }
}
