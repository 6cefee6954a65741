package io.uplink.servlet.identity;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionCodec;
import io.uplink.contracts.identity.UploadToken;
import io.uplink.contracts.identity.UploadTokenCodec;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The identity filter over real HTTP, as a service mounts it. */
@SpringBootTest(classes = IdentityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "uplink.identity.secret=" + IdentityFilterTest.SECRET)
class IdentityFilterTest {

    static final String SECRET = "a-test-secret-of-at-least-thirty-two-bytes";

    private final IdentityAssertionCodec assertions = new IdentityAssertionCodec(SECRET, Clock.systemUTC());
    private final UploadTokenCodec uploadTokens = new UploadTokenCodec(SECRET, Clock.systemUTC());
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void aVerifiedCallerReachesTheControllerAsACaller() throws Exception {
        HttpResponse<String> response = get("/api/me", Map.of(IdentityAssertion.HEADER, assertion("t-1", "tenant")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(EventJson.read(response.body(), Map.class))
                .containsEntry("tenantId", "t-1").containsEntry("subject", "key_1").containsEntry("admin", false)
                .containsEntry("uploader", false);
    }

    @Test
    void aRequestWithoutAssertionIsA401Problem() throws Exception {
        HttpResponse<String> response = get("/api/me", Map.of());

        assertUnauthorized(response, "missing identity assertion", "/api/me");
    }

    @Test
    void aForgedAssertionIsA401Problem() throws Exception {
        String forged = new IdentityAssertionCodec("another-secret-of-at-least-thirty-two-bytes", Clock.systemUTC())
                .sign(new IdentityAssertion("t-1", "key_1", List.of("tenant"), Instant.now().plusSeconds(30)));

        HttpResponse<String> response = get("/api/me", Map.of(IdentityAssertion.HEADER, forged));

        assertUnauthorized(response, "identity assertion signature does not verify", "/api/me");
    }

    @Test
    void anExpiredAssertionIsA401Problem() throws Exception {
        String expired = assertions.sign(
                new IdentityAssertion("t-1", "key_1", List.of("tenant"), Instant.now().minusSeconds(60)));

        assertThat(get("/api/me", Map.of(IdentityAssertion.HEADER, expired)).statusCode()).isEqualTo(401);
    }

    @Test
    void exemptPathsAndPathsOutsideTheGuardedPatternsNeedNoAssertion() throws Exception {
        assertThat(get("/api/callback", Map.of()).body()).isEqualTo("callback");
        assertThat(get("/open", Map.of()).body()).isEqualTo("open");
    }

    @Test
    void anUploaderWithItsTokenReachesTheUploadRoutes() throws Exception {
        UploadToken token = token("t-1", "user-42");

        HttpResponse<String> response = get("/api/uploads/me", uploader(token));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(EventJson.read(response.body(), Map.class)).containsEntry("uploader", true);
    }

    @Test
    void anUploaderOutsideTheUploadRoutesIsA403Problem() throws Exception {
        HttpResponse<String> response = get("/api/me", uploader(token("t-1", "user-42")));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(EventJson.read(response.body(), Map.class))
                .containsEntry("detail", "an upload token is accepted on the upload routes only");
    }

    @Test
    void anUploaderWithoutTokenOrWithSomeoneElsesOrARevokedOneIsA401Problem() throws Exception {
        HttpResponse<String> missing = get("/api/uploads/me",
                Map.of(IdentityAssertion.HEADER, assertion("t-1", IdentityAssertion.ROLE_UPLOADER, "user-42")));
        assertThat(missing.statusCode()).isEqualTo(401);

        Map<String, String> mismatched = Map.of(
                IdentityAssertion.HEADER, assertion("t-1", IdentityAssertion.ROLE_UPLOADER, "user-42"),
                UploadToken.HEADER, uploadTokens.sign(token("t-2", "user-42")));
        assertUnauthorized(get("/api/uploads/me", mismatched), "upload token does not match the identity assertion",
                "/api/uploads/me");

        UploadToken revoked = token("t-1", "user-42");
        IdentityTestApplication.REVOKED.add(revoked.id());
        assertUnauthorized(get("/api/uploads/me", uploader(revoked)), "upload token revoked", "/api/uploads/me");
    }

    @Test
    void theCallerParameterIsNoPartOfTheOpenApiDocument() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs", Map.of());

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/me").doesNotContain("\"caller\"");
    }

    private void assertUnauthorized(HttpResponse<String> response, String detail, String instance) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(EventJson.read(response.body(), Map.class))
                .containsEntry("type", "about:blank").containsEntry("title", "Unauthorized")
                .containsEntry("status", 401).containsEntry("detail", detail).containsEntry("instance", instance);
    }

    private Map<String, String> uploader(UploadToken token) {
        return Map.of(IdentityAssertion.HEADER, assertion(token.tenantId(), IdentityAssertion.ROLE_UPLOADER,
                token.subject()), UploadToken.HEADER, uploadTokens.sign(token));
    }

    private String assertion(String tenantId, String role) {
        return assertion(tenantId, role, "key_1");
    }

    private String assertion(String tenantId, String role, String subject) {
        return assertions.sign(new IdentityAssertion(tenantId, subject, List.of(role), Instant.now().plusSeconds(30)));
    }

    private static UploadToken token(String tenantId, String subject) {
        return new UploadToken(UUID.randomUUID(), tenantId, subject, null, null, null, null, null, null, null,
                Instant.now().plusSeconds(300));
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
