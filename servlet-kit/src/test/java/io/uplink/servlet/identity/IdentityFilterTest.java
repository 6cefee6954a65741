package io.uplink.servlet.identity;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionSigner;
import io.uplink.contracts.identity.IdentityKeys;
import io.uplink.contracts.identity.UploadToken;
import io.uplink.contracts.identity.UploadTokenSigner;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The identity filter over real HTTP, as a service mounts it. */
@SpringBootTest(classes = IdentityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "uplink.identity.name=metadata")
class IdentityFilterTest {

    private static final KeyPair GATEWAY = IdentityKeys.generate();
    private static final KeyPair CREDENTIAL = IdentityKeys.generate();

    private final IdentityAssertionSigner assertions = new IdentityAssertionSigner("gateway", GATEWAY.getPrivate());
    private final IdentityAssertionSigner credential = new IdentityAssertionSigner("credential", CREDENTIAL.getPrivate());
    private final UploadTokenSigner uploadTokens = new UploadTokenSigner(CREDENTIAL.getPrivate());
    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void trustedKeys(DynamicPropertyRegistry registry) {
        registry.add("uplink.identity.trusted-keys", () -> "gateway=" + IdentityKeys.encode(GATEWAY.getPublic())
                + ",credential=" + IdentityKeys.encode(CREDENTIAL.getPublic()));
    }

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
    void anAssertionSignedWithAKeyNotTrustedForItsIssuerIsA401Problem() throws Exception {
        String forged = new IdentityAssertionSigner("gateway", IdentityKeys.generate().getPrivate())
                .sign(tenantAssertion("gateway", "metadata", Instant.now().plusSeconds(30)));
        // credential-service's key is trusted, but not for what claims to come from the gateway
        String credentialAsGateway = new IdentityAssertionSigner("gateway", CREDENTIAL.getPrivate())
                .sign(tenantAssertion("gateway", "metadata", Instant.now().plusSeconds(30)));

        assertUnauthorized(get("/api/me", Map.of(IdentityAssertion.HEADER, forged)),
                "identity assertion signature does not verify", "/api/me");
        assertUnauthorized(get("/api/me", Map.of(IdentityAssertion.HEADER, credentialAsGateway)),
                "identity assertion signature does not verify", "/api/me");
    }

    @Test
    void anAssertionFromAnIssuerWithoutATrustedKeyIsA401Problem() throws Exception {
        String rogue = new IdentityAssertionSigner("console", IdentityKeys.generate().getPrivate())
                .sign(tenantAssertion("console", "metadata", Instant.now().plusSeconds(30)));

        assertUnauthorized(get("/api/me", Map.of(IdentityAssertion.HEADER, rogue)),
                "identity assertion issuer is not trusted by this service", "/api/me");
    }

    @Test
    void anAssertionAddressedToAnotherServiceIsA401Problem() throws Exception {
        String forCallback = assertions.sign(tenantAssertion("gateway", "callback", Instant.now().plusSeconds(30)));

        assertUnauthorized(get("/api/me", Map.of(IdentityAssertion.HEADER, forCallback)),
                "identity assertion is addressed to another service", "/api/me");
    }

    @Test
    void anotherIssuerMayAssertOnlyTheRolesTheServiceHearsFromIt() throws Exception {
        String admin = credential.sign(new IdentityAssertion("credential", "metadata", null, "credential-service",
                List.of(IdentityAssertion.ROLE_ADMIN), Instant.now().plusSeconds(30)));
        String tenant = credential.sign(tenantAssertion("credential", "metadata", Instant.now().plusSeconds(30)));
        String reader = credential.sign(new IdentityAssertion("credential", "metadata", null, "credential-service",
                List.of(IdentityAssertion.ROLE_TENANT_READER), Instant.now().plusSeconds(30)));

        assertUnauthorized(get("/api/me", Map.of(IdentityAssertion.HEADER, admin)),
                "identity assertion issuer 'credential' may not assert these roles to this service", "/api/me");
        assertThat(get("/api/me", Map.of(IdentityAssertion.HEADER, tenant)).statusCode()).isEqualTo(401);
        assertThat(get("/api/me", Map.of(IdentityAssertion.HEADER, reader)).statusCode()).isEqualTo(200);
    }

    @Test
    void anExpiredAssertionIsA401Problem() throws Exception {
        String expired = assertions.sign(tenantAssertion("gateway", "metadata", Instant.now().minusSeconds(60)));

        assertUnauthorized(get("/api/me", Map.of(IdentityAssertion.HEADER, expired)), "identity assertion expired",
                "/api/me");
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
        return assertions.sign(new IdentityAssertion("gateway", "metadata", tenantId, subject, List.of(role),
                Instant.now().plusSeconds(30)));
    }

    private static IdentityAssertion tenantAssertion(String issuer, String audience, Instant expiresAt) {
        return new IdentityAssertion(issuer, audience, "t-1", "key_1", List.of(IdentityAssertion.ROLE_TENANT), expiresAt);
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
