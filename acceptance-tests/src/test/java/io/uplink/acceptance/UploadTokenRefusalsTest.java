package io.uplink.acceptance;

import io.uplink.localstack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an end user's upload token does not allow, through the running suite's gateway: every refusal is a problem
 * that says why, and a token never reaches files, webhooks, keys or other tokens.
 */
class UploadTokenRefusalsTest {

    private static final String PAGE = "https://app.example.com";

    private static LocalStack suite;
    private static TenantBackend tenant;

    @BeforeAll
    static void onboard() {
        suite = RunningSuite.get();
        PlatformAdmin admin = new PlatformAdmin(suite.gatewayUrl(), RunningSuite.identityProvider());
        tenant = TenantBackend.onboard(suite.gatewayUrl(), admin, "tokens");
        assertThat(tenant.gateway().put("/api/v1/tenant/cors-origins", Map.of("corsOrigins", List.of(PAGE))).status())
                .isEqualTo(200);
    }

    @AfterAll
    static void close() {
        tenant.close();
    }

    private static String mint(Map<String, Object> limits) {
        Map<String, Object> body = new LinkedHashMap<>(limits);
        body.putIfAbsent("subject", "end-user-1");
        Gateway.Answer minted = tenant.gateway().post("/api/v1/upload-tokens", body);
        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        return minted.json().path("token").asString();
    }

    private static Gateway asBrowser(String token) {
        return new Gateway(suite.gatewayUrl(), () -> token);
    }

    private static Map<String, Object> file(String name, String type, long size) {
        return Map.of("filename", name, "contentType", type, "size", size);
    }

    private static void refused(Gateway.Answer answer, int status, String says) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.body()).contains("\"status\":" + status).containsIgnoringCase(says);
    }

    @Test
    void aFileAboveTheTokensSizeOrOfATypeItDoesNotAllowIsRefused() {
        Gateway browser = asBrowser(mint(Map.of("maxFileBytes", 1000, "contentTypes", List.of("image/*"))));

        refused(browser.post("/api/v1/uploads", file("big.png", "image/png", 1001)), 400, "max-object-size");
        refused(browser.post("/api/v1/uploads", file("doc.pdf", "application/pdf", 10)), 400, "allowed-content-types");
        assertThat(browser.post("/api/v1/uploads", file("ok.png", "image/png", 1000)).status()).isEqualTo(201);
    }

    @Test
    void filesBeyondTheTokensCountOrTotalAreRefused() {
        Gateway counted = asBrowser(mint(Map.of("maxFiles", 1)));
        assertThat(counted.post("/api/v1/uploads", file("1.txt", "text/plain", 5)).status()).isEqualTo(201);
        refused(counted.post("/api/v1/uploads", file("2.txt", "text/plain", 5)), 403, "upload-token-max-files");

        Gateway sized = asBrowser(mint(Map.of("maxTotalBytes", 100)));
        assertThat(sized.post("/api/v1/uploads", file("1.txt", "text/plain", 60)).status()).isEqualTo(201);
        refused(sized.post("/api/v1/uploads", file("2.txt", "text/plain", 60)), 403, "upload-token-max-total-bytes");
    }

    @Test
    void anExpiredOrRevokedTokenIsRefused() throws InterruptedException {
        String shortLived = mint(Map.of("ttlSeconds", 1));
        String revoked = mint(Map.of());
        Thread.sleep(1_500);

        refused(asBrowser(shortLived).post("/api/v1/uploads", file("a.txt", "text/plain", 5)), 401, "expired");
        String revokedId = tokenId(revoked);
        assertThat(tenant.gateway().delete("/api/v1/upload-tokens/" + revokedId).status()).isEqualTo(204);
        // no new file anywhere once the call returns (401 from the instance that revoked it, 403 from the grant's
        // reservation elsewhere); every request refused after the refresh bound (2 s)
        Gateway.Answer atOnce = asBrowser(revoked).post("/api/v1/uploads", file("a.txt", "text/plain", 5));
        assertThat(atOnce.status()).as(atOnce.body()).isIn(401, 403);
        assertThat(atOnce.body()).contains("revoked");
        Thread.sleep(2_500);
        refused(asBrowser(revoked).post("/api/v1/uploads", file("a.txt", "text/plain", 5)), 401, "revoked");
    }

    @Test
    void aBrowserOnAnOriginTheTokenDoesNotNameIsRefused() {
        Gateway browser = asBrowser(mint(Map.of("origins", List.of(PAGE))));
        Map<String, Object> body = file("a.txt", "text/plain", 5);

        assertThat(browser.send("POST", "/api/v1/uploads", body, Map.of("Origin", PAGE)).status()).isEqualTo(201);
        refused(browser.send("POST", "/api/v1/uploads", body, Map.of("Origin", "https://evil.example")), 403,
                "origin");
    }

    @Test
    void aTokenCannotListDownloadOrDeleteFilesNorTouchWebhooksKeysOrTokens() {
        Gateway browser = asBrowser(mint(Map.of()));

        for (Gateway.Answer answer : List.of(
                browser.get("/api/v1/files"),
                browser.get("/api/v1/files/f_1"),
                browser.delete("/api/v1/files/f_1"),
                browser.post("/api/v1/downloads", Map.of("key", tenant.keyPrefix() + "x")),
                browser.get("/api/v1/webhooks/endpoints"),
                browser.post("/api/v1/webhooks/endpoints", Map.of("url", "https://evil.example/hook")),
                browser.get("/api/v1/tenants/" + tenant.tenantId() + "/api-keys"),
                browser.put("/api/v1/tenant/cors-origins", Map.of("corsOrigins", List.of("https://evil.example"))),
                browser.post("/api/v1/upload-tokens", Map.of("subject", "someone-else")),
                browser.post("/api/v1/sts/credentials", Map.of()))) {
            refused(answer, 403, "upload routes only");
        }
    }

    private static String tokenId(String token) {
        String payload = token.substring("upt_".length(), token.indexOf('.'));
        String json = new String(java.util.Base64.getUrlDecoder().decode(payload), java.nio.charset.StandardCharsets.UTF_8);
        return io.uplink.contracts.EventJson.mapper().readTree(json).path("id").asString();
    }
}
