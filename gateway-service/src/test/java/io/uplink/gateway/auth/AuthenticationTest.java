package io.uplink.gateway.auth;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.gateway.support.FakeKeyRegistry;
import io.uplink.gateway.support.GatewayIntegrationTest;
import io.uplink.gateway.support.TestIssuer;
import io.uplink.testsupport.identity.TestIdentityKeys;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.uplink.gateway.support.SharedUpstreams.ISSUER;
import static io.uplink.gateway.support.SharedUpstreams.KEYS;
import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationTest extends GatewayIntegrationTest {

    private WebTestClient.ResponseSpec getWith(String authorization, String path) {
        var request = client.get().uri(path);
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        return request.exchange();
    }

    private void expectProblem(WebTestClient.ResponseSpec response, HttpStatus status) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(status.value());
    }

    @SuppressWarnings("unchecked")
    private IdentityAssertion forwardedIdentity(WebTestClient.ResponseSpec response) {
        Map<String, Object> echo = response.expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        Map<String, List<String>> headers = (Map<String, List<String>>) echo.get("headers");
        assertThat(headers).doesNotContainKey("authorization");
        assertThat(headers.get("x-uplink-identity")).hasSize(1);
        return verifiedAsItsAudience(headers.get("x-uplink-identity").get(0));
    }

    @Test
    void rejectsARequestWithoutCredentials() {
        getWith(null, "/api/v1/files/f_1").expectHeader().valueEquals("WWW-Authenticate", "Bearer");
        expectProblem(getWith(null, "/api/v1/files/f_1"), HttpStatus.UNAUTHORIZED);
    }

    @Test
    void rejectsMalformedAndUnknownKeys() {
        expectProblem(getWith("Bearer upk_local_short", "/api/v1/uploads/x"), HttpStatus.UNAUTHORIZED);
        expectProblem(getWith("Basic dXNlcjpwYXNz", "/api/v1/uploads/x"), HttpStatus.UNAUTHORIZED);
        expectProblem(getWith("Bearer " + FakeKeyRegistry.newKey("local"), "/api/v1/uploads/x"), HttpStatus.UNAUTHORIZED);
    }

    @Test
    void twoAuthorizationHeadersAreRefusedWhicheverComesFirst() {
        String valid = "Bearer " + tenantKey;
        String forged = "Bearer " + FakeKeyRegistry.newKey("local");
        for (List<String> pair : List.of(List.of(valid, forged), List.of(forged, valid), List.of(valid, valid))) {
            expectProblem(client.get().uri("/api/v1/uploads/x").header("Authorization", pair.toArray(String[]::new))
                    .exchange(), HttpStatus.UNAUTHORIZED);
        }
    }

    @Test
    void rejectsAnotherEnvironmentsKeyWithoutAskingTheRegistry() {
        int lookupsBefore = KEYS.lookups();
        expectProblem(getWith("Bearer " + FakeKeyRegistry.newKey("live"), "/api/v1/uploads/x"), HttpStatus.UNAUTHORIZED);
        assertThat(KEYS.lookups()).isEqualTo(lookupsBefore);
    }

    @Test
    void forwardsASignedShortLivedAssertionOfTheKeysTenant() {
        IdentityAssertion identity = forwardedIdentity(tenantClient.get().uri("/api/v1/uploads/x").exchange());
        assertThat(identity.tenantId()).isEqualTo(tenantId);
        assertThat(identity.roles()).containsExactly(IdentityAssertion.ROLE_TENANT);
        assertThat(identity.expiresAt()).isBetween(Instant.now().plusSeconds(20), Instant.now().plusSeconds(31));
    }

    @Test
    void signsEachAssertionAsTheGatewayForTheRoutesUpstreamService() {
        IdentityAssertion credential = forwardedIdentity(tenantClient.get().uri("/api/v1/uploads/x").exchange());
        IdentityAssertion metadata = forwardedIdentity(tenantClient.get().uri("/api/v1/files/x").exchange());
        IdentityAssertion callback = forwardedIdentity(tenantClient.get().uri("/api/v1/webhooks/endpoints").exchange());

        assertThat(List.of(credential, metadata, callback)).extracting(IdentityAssertion::issuer)
                .containsOnly(IdentityAssertion.ISSUER_GATEWAY);
        assertThat(credential.audience()).isEqualTo(IdentityAssertion.AUDIENCE_CREDENTIAL);
        assertThat(metadata.audience()).isEqualTo(IdentityAssertion.AUDIENCE_METADATA);
        assertThat(callback.audience()).isEqualTo(IdentityAssertion.AUDIENCE_CALLBACK);
    }

    @Test
    void revokedKeyStopsWorkingWithinTheCacheMaxAge() throws InterruptedException {
        tenantClient.get().uri("/api/v1/files/x").exchange().expectStatus().isOk();
        KEYS.revoke(tenantKey);
        Thread.sleep(4_300);
        expectProblem(tenantClient.get().uri("/api/v1/files/x").exchange(), HttpStatus.UNAUTHORIZED);
    }

    @Test
    void suspendedTenantIsRefused() throws InterruptedException {
        tenantClient.get().uri("/api/v1/files/x").exchange().expectStatus().isOk();
        KEYS.suspendTenantOf(tenantKey);
        Thread.sleep(4_300);
        expectProblem(tenantClient.get().uri("/api/v1/files/x").exchange(), HttpStatus.FORBIDDEN);
    }

    @Test
    void tenantKeyCannotUseAdminRoutesButAnAdminKeyCan() {
        expectProblem(tenantClient.get().uri("/api/v1/tenants/" + tenantId).exchange(), HttpStatus.FORBIDDEN);
        expectProblem(tenantClient.get().uri("/api/v1/tenants").exchange(), HttpStatus.FORBIDDEN);
        String adminKey = KEYS.issueKey("platform", List.of(IdentityAssertion.ROLE_ADMIN), Map.of());
        IdentityAssertion identity = forwardedIdentity(getWith("Bearer " + adminKey, "/api/v1/tenants/someone"));
        assertThat(identity.isAdmin()).isTrue();
    }

    @Test
    void aTenantlessAdminKeyAsMetadataServiceResolvesItOpensTheAdminRoutesAndTheAdminKeys() {
        String adminKey = KEYS.issueKey(null, List.of(IdentityAssertion.ROLE_ADMIN), null);
        IdentityAssertion identity = forwardedIdentity(getWith("Bearer " + adminKey, "/api/v1/admin-keys"));
        assertThat(identity.isAdmin()).isTrue();
        assertThat(identity.tenantId()).isNull();
        expectProblem(tenantClient.get().uri("/api/v1/admin-keys").exchange(), HttpStatus.FORBIDDEN);
    }

    @Test
    void spoofedIdentityHeadersHaveNoEffect() {
        String forged = TestIdentityKeys.fromGateway(IdentityAssertion.AUDIENCE_METADATA, "victim", "mallory",
                List.of(IdentityAssertion.ROLE_ADMIN));
        IdentityAssertion identity = forwardedIdentity(tenantClient.get().uri("/api/v1/files/x")
                .header(IdentityAssertion.HEADER, forged)
                .header("X-Uplink-Tenant", "victim")
                .header("x-uplink-roles", "admin")
                .exchange());
        assertThat(identity.tenantId()).isEqualTo(tenantId);
        assertThat(identity.isAdmin()).isFalse();

        // without a credential of its own, a forged assertion opens nothing
        var response = client.get().uri("/api/v1/files/x").header(IdentityAssertion.HEADER, forged).exchange();
        expectProblem(response, HttpStatus.UNAUTHORIZED);
    }

    @Test
    @SuppressWarnings("unchecked")
    void spoofedHeadersNeverReachTheUpstream() {
        Map<String, Object> echo = tenantClient.get().uri("/api/v1/uploads/x")
                .header("X-Uplink-Tenant", "victim").header("X-UPLINK-IDENTITY", "forged.value")
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        Map<String, List<String>> headers = (Map<String, List<String>>) echo.get("headers");
        assertThat(headers).doesNotContainKey("x-uplink-tenant");
        assertThat(headers.get("x-uplink-identity")).hasSize(1).noneMatch("forged.value"::equals);
    }

    @Test
    void aSuspendedTenantIsRefusedOnTheOidcPathToo() {
        KEYS.suspendTenant(tenantId);
        String token = ISSUER.token(TestIssuer.ISSUER, Instant.now().plusSeconds(300), Map.of("tenant_id", tenantId));

        expectProblem(getWith("Bearer " + token, "/api/v1/files/x"), HttpStatus.FORBIDDEN);
    }

    @Test
    void acceptsAValidOidcTokenForItsTenant() {
        String token = ISSUER.token(TestIssuer.ISSUER, Instant.now().plusSeconds(300), Map.of("tenant_id", tenantId));
        IdentityAssertion identity = forwardedIdentity(getWith("Bearer " + token, "/api/v1/files/x"));
        assertThat(identity.tenantId()).isEqualTo(tenantId);
        assertThat(identity.subject()).isEqualTo("user-1");
    }

    @Test
    void oidcAdminRoleOpensAdminRoutes() {
        String admin = ISSUER.token(TestIssuer.ISSUER, Instant.now().plusSeconds(300), Map.of("roles", List.of("admin")));
        assertThat(forwardedIdentity(getWith("Bearer " + admin, "/api/v1/tenants/t1")).isAdmin()).isTrue();
        String tenant = ISSUER.token(TestIssuer.ISSUER, Instant.now().plusSeconds(300), Map.of("tenant_id", tenantId));
        expectProblem(getWith("Bearer " + tenant, "/api/v1/tenants/t1"), HttpStatus.FORBIDDEN);
    }

    @Test
    void rejectsExpiredForeignUnsignedAndTenantlessTokens() {
        Map<String, Object> claims = Map.of("tenant_id", tenantId);
        expectProblem(getWith("Bearer " + ISSUER.token(TestIssuer.ISSUER, Instant.now().minusSeconds(120), claims),
                "/api/v1/files/x"), HttpStatus.UNAUTHORIZED);
        expectProblem(getWith("Bearer " + ISSUER.token("https://evil.example", Instant.now().plusSeconds(300), claims),
                "/api/v1/files/x"), HttpStatus.UNAUTHORIZED);
        expectProblem(getWith("Bearer " + ISSUER.forgedToken(claims), "/api/v1/files/x"), HttpStatus.UNAUTHORIZED);
        expectProblem(getWith("Bearer " + ISSUER.token(TestIssuer.ISSUER, Instant.now().plusSeconds(300), Map.of()),
                "/api/v1/files/x"), HttpStatus.UNAUTHORIZED);
        expectProblem(getWith("Bearer not.a.jwt", "/api/v1/files/x"), HttpStatus.UNAUTHORIZED);
    }

    @Test
    @SuppressWarnings("unchecked")
    void storageCallbacksPassWithoutTenantCredentialsAndWithoutIdentity() {
        Map<String, Object> echo = client.post().uri("/api/v1/oss/callback")
                .header("X-Uplink-Identity", "forged").bodyValue("bucket=b&object=o")
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((Map<String, Object>) echo.get("headers")).doesNotContainKey("x-uplink-identity");
        assertThat(echo.get("body")).isEqualTo("bucket=b&object=o");
    }
}
