package io.uplink.gateway.auth;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.UploadToken;
import io.uplink.contracts.identity.IdentityKeys;
import io.uplink.contracts.identity.UploadTokenSigner;
import io.uplink.testsupport.identity.TestIdentityKeys;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.uplink.gateway.accesslog.AccessLogFilter;
import io.uplink.gateway.support.GatewayIntegrationTest;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.uplink.gateway.support.SharedUpstreams.KEYS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An end user's browser holds an upload token, never the tenant's key: the gateway accepts it by its signature on
 * the upload routes, forwards it beside an uploader's assertion, and refuses it everywhere else and from origins
 * that neither the tenant nor the token allow.
 */
class UploadTokenAtTheEdgeTest extends GatewayIntegrationTest {

    private final UploadTokenSigner tokens = TestIdentityKeys.uploadTokens();

    private String token(String tenant, List<String> origins, Instant expiresAt) {
        return tokens.sign(new UploadToken(UUID.randomUUID(), tenant, "user-42", null, null, null, null, null, null,
                origins, expiresAt));
    }

    private String liveToken(List<String> origins) {
        KEYS.tenantSettings(tenantId, Map.of("corsOrigins", List.of("http://localhost:*", "https://app.example.com")));
        return token(tenantId, origins, Instant.now().plusSeconds(600));
    }

    private WebTestClient.ResponseSpec get(String token, String path, String origin) {
        var request = client.get().uri(path).header("Authorization", "Bearer " + token);
        if (origin != null) {
            request = request.header("Origin", origin);
        }
        return request.exchange();
    }

    private static void expectProblem(WebTestClient.ResponseSpec response, HttpStatus status, String detail) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains(detail));
    }

    @Test
    @SuppressWarnings("unchecked")
    void forwardsAnUploadersAssertionAndTheTokenOnTheUploadRoutes() {
        String token = liveToken(List.of());

        Map<String, Object> echo = client.post().uri("/api/v1/uploads").header("Authorization", "Bearer " + token)
                .header("X-Uplink-Upload-Token", "spoofed").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        Map<String, List<String>> headers = (Map<String, List<String>>) echo.get("headers");
        assertThat(headers).doesNotContainKey("authorization");
        assertThat(headers.get("x-uplink-upload-token")).containsExactly(token);
        IdentityAssertion identity = verifiedAsItsAudience(headers.get("x-uplink-identity").get(0));
        assertThat(identity.audience()).isEqualTo(IdentityAssertion.AUDIENCE_CREDENTIAL);
        assertThat(identity.tenantId()).isEqualTo(tenantId);
        assertThat(identity.subject()).isEqualTo("user-42");
        assertThat(identity.roles()).containsExactly(IdentityAssertion.ROLE_UPLOADER);
        get(token, "/api/v1/s3/params?filename=a.png&type=image/png", null).expectStatus().isOk();
    }

    @Test
    @SuppressWarnings("unchecked")
    void takesTheTokenFromTheCompanionEndpointPathAndNeverLogsIt() {
        String token = liveToken(List.of());
        ListAppender<ILoggingEvent> accessLog = new ListAppender<>();
        accessLog.start();
        Logger logger = (Logger) LoggerFactory.getLogger(AccessLogFilter.LOGGER);
        logger.addAppender(accessLog);
        try {
            Map<String, Object> echo = client.get().uri("/api/v1/t/" + token + "/s3/params?filename=a.png&type=image/png")
                    .header("Origin", "http://localhost:5173").exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("Access-Control-Allow-Origin", "http://localhost:5173")
                    .expectBody(Map.class).returnResult().getResponseBody();
            client.get().uri("/api/v1/t/" + token + "/files").exchange().expectStatus().isNotFound();

            assertThat(echo.get("path")).isEqualTo("/api/v1/s3/params");
            assertThat(echo.get("query")).isEqualTo("filename=a.png&type=image/png");
            Map<String, List<String>> headers = (Map<String, List<String>>) echo.get("headers");
            assertThat(headers.get("x-uplink-upload-token")).containsExactly(token);
            assertThat(verifiedAsItsAudience(headers.get("x-uplink-identity").get(0)).roles())
                    .containsExactly(IdentityAssertion.ROLE_UPLOADER);
            assertThat(accessLog.list).hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(line -> assertThat(line.getFormattedMessage()).doesNotContain(token.substring(4, 40)));
        } finally {
            logger.detachAppender(accessLog);
        }
    }

    @Test
    void refusesTheTokenOnEveryOtherRoute() {
        String token = liveToken(List.of());

        for (String path : List.of("/api/v1/files", "/api/v1/files/f_1", "/api/v1/webhooks", "/api/v1/tenants",
                "/api/v1/downloads", "/api/v1/sts/credentials", "/api/v1/upload-tokens")) {
            expectProblem(get(token, path, null), HttpStatus.FORBIDDEN, "upload routes only");
        }
        expectProblem(client.delete().uri("/api/v1/files/f_1").header("Authorization", "Bearer " + token).exchange(),
                HttpStatus.FORBIDDEN, "upload routes only");
    }

    @Test
    void refusesTheTokenOfASuspendedTenant() {
        String token = liveToken(List.of());
        KEYS.suspendTenant(tenantId);

        expectProblem(get(token, "/api/v1/uploads/x", null), HttpStatus.FORBIDDEN, "suspended");
    }

    @Test
    void refusesExpiredForgedAndAlteredTokens() {
        String expired = token(tenantId, List.of(), Instant.now().minusSeconds(1));
        String forged = new UploadTokenSigner(IdentityKeys.privateKey(TestIdentityKeys.ROGUE_PRIVATE_KEY))
                .sign(new UploadToken(UUID.randomUUID(), tenantId, "u", null, null, null, null, null, null, null,
                        Instant.now().plusSeconds(60)));
        // the gateway's own key signs assertions; upload tokens verify under credential-service's key only
        String signedByTheGateway = new UploadTokenSigner(IdentityKeys.privateKey(TestIdentityKeys.GATEWAY_PRIVATE_KEY))
                .sign(new UploadToken(UUID.randomUUID(), tenantId, "u", null, null, null, null, null, null, null,
                        Instant.now().plusSeconds(60)));
        String live = liveToken(List.of());
        String altered = live.substring(0, 10) + (live.charAt(10) == 'A' ? 'B' : 'A') + live.substring(11);

        expectProblem(get(expired, "/api/v1/uploads/x", null), HttpStatus.UNAUTHORIZED, "expired");
        expectProblem(get(forged, "/api/v1/uploads/x", null), HttpStatus.UNAUTHORIZED, "signature");
        expectProblem(get(signedByTheGateway, "/api/v1/uploads/x", null), HttpStatus.UNAUTHORIZED, "signature");
        get(altered, "/api/v1/uploads/x", null).expectStatus().isUnauthorized();
    }

    @Test
    void letsBrowsersUseTheTokenOnlyFromOriginsBothTheTenantAndTheTokenAllow() {
        String anyLocalhost = liveToken(List.of());
        String oneOrigin = liveToken(List.of("http://localhost:5173"));

        get(anyLocalhost, "/api/v1/uploads/x", "http://localhost:41234").expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "http://localhost:41234");
        get(oneOrigin, "/api/v1/uploads/x", "http://localhost:5173").expectStatus().isOk();
        expectProblem(get(oneOrigin, "/api/v1/uploads/x", "http://localhost:5174"), HttpStatus.FORBIDDEN,
                "upload token's origins");
        expectProblem(get(oneOrigin, "/api/v1/uploads/x", "https://app.example.com"), HttpStatus.FORBIDDEN,
                "upload token's origins");
        expectProblem(get(anyLocalhost, "/api/v1/uploads/x", "https://evil.example"), HttpStatus.FORBIDDEN,
                "tenant's allowed origins");
        expectProblem(get(anyLocalhost, "/api/v1/uploads/x", "http://localhost.evil.example"), HttpStatus.FORBIDDEN,
                "tenant's allowed origins");
    }
}
