package io.uplink.acceptance;

import io.uplink.localstack.LocalStack;
import io.uplink.localstack.launch.LocalIdentityKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile inputs through the running suite's gateway, from a tenant that wants what another tenant has and an end
 * user who wants more than an upload: path tricks, injected and spoofed headers, sizes and part numbers past every
 * limit, filenames that try to become paths, another tenant's ids on every tenant route, forged, tampered, expired
 * and revoked credentials and identity assertions, and a few hundred generated ones. None gets through: every one is
 * refused with a problem (or by the HTTP layer before any route), or succeeds without the hostile part having any
 * effect; none fails the server. The figure is printed at the end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {

    private static final long TWO_PARTS = 12 * HostileInputs.MIB;
    private static final ObjectStore STORE = new ObjectStore();

    private static TenantBackend owner;
    private static TenantBackend intruder;
    private static HostileTargets targets;
    private static HostileInputs inputs;
    private static HostileTally tally;

    @BeforeAll
    static void anOwnerWithDataAndAnIntruderWithCredentials() throws InterruptedException {
        LocalStack suite = RunningSuite.get();
        PlatformAdmin admin = new PlatformAdmin(suite.gatewayUrl(), RunningSuite.identityProvider());
        owner = TenantBackend.onboard(suite.gatewayUrl(), admin, "owner");
        intruder = TenantBackend.onboard(suite.gatewayUrl(), admin, "intruder");

        String expired = mint(intruder, Map.of("ttlSeconds", 1));
        String revoked = mint(intruder, Map.of());
        assertThat(intruder.gateway().delete("/api/v1/upload-tokens/" + tokenId(revoked)).status()).isEqualTo(204);
        Instant revokedAt = Instant.now();

        targets = new HostileTargets(ownerWithData(admin), intruder.tenantId(), intruder.apiKey(),
                pendingMultipartUpload(intruder), mint(intruder, Map.of("maxFileBytes", 1000)), mint(intruder, Map.of()),
                expired, revoked, LocalIdentityKeys.GATEWAY_PRIVATE_KEY,
                RunningSuite.identityProvider().adminToken("hostile@acceptance", Duration.ofMinutes(10)));
        // a revocation reaches every gateway instance within 2 s; the expired token's second is long gone
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), revokedAt.plusSeconds(3)).toMillis()));

        inputs = new HostileInputs(targets);
        tally = new HostileTally(suite.gatewayUrl());
    }

    @AfterAll
    static void printTheFigure() {
        if (tally != null) {
            tally.print(System.out);
        }
        if (owner != null) {
            owner.close();
        }
        if (intruder != null) {
            intruder.close();
        }
    }

    @Test
    @Order(1)
    void pathTricksReachNoRouteTheCallerMayNotUse() {
        triedAndNothingGotThrough(HostileClass.PATHS, inputs.paths());
    }

    @Test
    @Order(2)
    void injectedDuplicatedSpoofedAndOversizedHeadersChangeNothing() {
        triedAndNothingGotThrough(HostileClass.HEADERS, inputs.headers());
    }

    @Test
    @Order(3)
    void negativeZeroHugeAndNonNumericSizesAreRefused() {
        triedAndNothingGotThrough(HostileClass.SIZES, inputs.sizes());
    }

    @Test
    @Order(4)
    void partNumbersAndSizesAtAndPastTheStoresLimitsAreRefused() {
        triedAndNothingGotThrough(HostileClass.PARTS, inputs.parts());
    }

    @Test
    @Order(5)
    void filenamesNeverBecomePaths() {
        triedAndNothingGotThrough(HostileClass.FILENAMES, inputs.filenames());
    }

    @Test
    @Order(6)
    void anotherTenantsIdsReachNothingOnAnyTenantRoute() {
        triedAndNothingGotThrough(HostileClass.CROSS_TENANT, inputs.crossTenant());

        HostileTargets.Owner data = targets.owner();
        Gateway.Answer file = owner.gateway().get("/api/v1/files/" + data.fileId());
        assertThat(file.status()).as(file.body()).isEqualTo(200);
        assertThat(file.json().path("status").asString()).isEqualTo("active");
        Gateway.Answer endpoint = owner.gateway().get("/api/v1/webhooks/endpoints/" + data.endpointId());
        assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(200);
        assertThat(endpoint.body()).doesNotContain("evil.example");
        assertThat(MultipartUploader.state(owner.gateway(), data.pendingUploadId()).path("status").asString())
                .isEqualTo("pending");
        Gateway.Answer token = owner.gateway().get("/api/v1/upload-tokens/" + data.uploadTokenId());
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        assertThat(token.body()).doesNotContain("\"revokedAt\":\"");
        assertThat(owner.gateway().post("/api/v1/uploads", HostileInputs.smallFile("still-mine.txt")).status())
                .as("the owner's key and tenant still work").isEqualTo(201);
    }

    @Test
    @Order(7)
    void forgedTamperedExpiredRevokedAndReplayedCredentialsAndAssertionsAreRefused() {
        triedAndNothingGotThrough(HostileClass.IDENTITY, inputs.identity());
    }

    @Test
    @Order(8)
    void generatedFilenamesMetadataSizesAndPathsGetNothingThrough() {
        long seed = Long.getLong("uplink.hostile.seed", System.nanoTime());
        System.out.println("hostile | generated inputs from seed " + seed + " (-Duplink.hostile.seed=" + seed + " repeats them)");
        GeneratedHostileInputs generated = new GeneratedHostileInputs(targets, seed);
        tally.tryAll(generated.filenames());
        tally.tryAll(generated.metadata());
        tally.tryAll(generated.sizes());
        tally.tryAll(generated.paths());
        assertThat(tally.findings(HostileClass.GENERATED)).as("generated inputs that got through (seed %d)", seed).isEmpty();
    }

    @Test
    @Order(9)
    void noHostileInputIsAcceptedAndNoneIsAServerError() {
        tally.print(System.out);
        assertThat(tally.tried()).isPositive();
        assertThat(tally.count(HostileTally.Outcome.ACCEPTED)).as("accepted").isZero();
        assertThat(tally.count(HostileTally.Outcome.SERVER_ERROR)).as("server errors").isZero();
    }

    private static void triedAndNothingGotThrough(HostileClass kind, List<HostileCase> cases) {
        tally.tryAll(cases);
        assertThat(tally.findings(kind)).as("%s that got through, failed the server or were refused without a problem",
                kind.label()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ the setup

    /** A recorded file (announced by webhook), a pending multipart upload and a live upload token. */
    private static HostileTargets.Owner ownerWithData(PlatformAdmin admin) {
        byte[] content = ("the owner's " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        Gateway.Answer minted = owner.gateway().post("/api/v1/uploads", HostileInputs.file("contract.txt", "text/plain",
                content.length));
        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        JsonNode grant = minted.json();
        String key = grant.path("key").asString();
        String uploadId = grant.path("uploadId").asString();
        assertThat(STORE.put(grant.path("url").asString(), grant.path("headers"), new ByteArrayInputStream(content),
                content.length).isSuccess()).isTrue();
        Gateway.Answer completed = owner.gateway().post("/api/v1/uploads/" + uploadId + "/complete");
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        JsonNode file = Announcements.recordedExactlyOnce(admin, owner, key);
        Announcements.announcedExactlyOnce(owner, file);
        String messageId = owner.gateway().get("/api/v1/webhooks/messages?eventType=file.created&limit=100").json()
                .path("data").get(0).path("id").asString();
        String token = mint(owner, Map.of());
        return new HostileTargets.Owner(owner.tenantId(), owner.apiKey(), file.path("fileId").asString(), key, uploadId,
                pendingMultipartUpload(owner), owner.webhookEndpointId(), messageId, tokenId(token));
    }

    private static String pendingMultipartUpload(TenantBackend tenant) {
        Gateway.Answer multipart = tenant.gateway().post("/api/v1/uploads", Map.of("filename", "archive.bin",
                "contentType", "application/octet-stream", "size", TWO_PARTS, "method", "MULTIPART"));
        assertThat(multipart.status()).as(multipart.body()).isEqualTo(201);
        return multipart.json().path("uploadId").asString();
    }

    private static String mint(TenantBackend tenant, Map<String, Object> limits) {
        Map<String, Object> body = new LinkedHashMap<>(limits);
        body.put("subject", "end-user");
        Gateway.Answer minted = tenant.gateway().post("/api/v1/upload-tokens", body);
        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        return minted.json().path("token").asString();
    }

    private static String tokenId(String token) {
        String payload = token.substring("upt_".length(), token.indexOf('.'));
        String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        return io.uplink.contracts.EventJson.mapper().readTree(json).path("id").asString();
    }
}
