package io.uplink.credential.uploadtoken;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.identity.UploadToken;
import io.uplink.contracts.identity.IdentityKeys;
import io.uplink.contracts.identity.UploadTokenSigner;
import io.uplink.contracts.identity.UploadTokenVerifier;
import io.uplink.credential.ServiceApi;
import io.uplink.credential.session.UploadSession;
import io.uplink.credential.session.UploadSessionRepository;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.UplinkInfrastructure;
import io.uplink.testsupport.identity.TestIdentityKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant's backend mints an upload token for one end user; the end user's browser uploads with it, within its
 * limits and nowhere else. Requests arrive as the gateway forwards them: an uploader's assertion and the token.
 */
@UplinkInfrastructure({Infra.S3, Infra.KAFKA, Infra.POSTGRES})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestIdentityKeys.TRUSTED_KEYS_PROPERTY, TestIdentityKeys.CREDENTIAL_PRIVATE_KEY_PROPERTY})
class UploadTokenTest {

    /** As the gateway holds it: credential-service's public key only. */
    private final UploadTokenVerifier codec = new UploadTokenVerifier(
            IdentityKeys.publicKey(TestIdentityKeys.CREDENTIAL_PUBLIC_KEY), Clock.systemUTC());
    private final UploadTokenSigner signer = TestIdentityKeys.uploadTokens();
    private final String tenant = "tok-" + UUID.randomUUID().toString().substring(0, 8);

    @LocalServerPort
    int port;

    @Autowired
    UploadSessionRepository sessions;

    private ServiceApi api() {
        return new ServiceApi(port);
    }

    private String mint(Map<String, Object> limits) {
        Map<String, Object> body = new LinkedHashMap<>(limits);
        body.putIfAbsent("subject", "user-42");
        ServiceApi.Response minted = api().post(tenant, "/api/v1/upload-tokens", body);
        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        assertThat(minted.json().get("token").asString()).startsWith("upt_");
        return minted.json().get("token").asString();
    }

    private ServiceApi.Response asUploader(String token, String path, Object body) {
        UploadToken verified = codec.verify(token);
        HttpRequest.Builder request = api().uploaderRequest(verified, token, path);
        return api().send(body == null ? request.GET().build() : request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EventJson.writeString(body))).build());
    }

    private static Map<String, Object> file(String name, String type, long size) {
        return Map.of("filename", name, "contentType", type, "size", size, "method", "PUT");
    }

    @Test
    void anUploaderGetsACredentialUnderTheTokensPrefixCarryingItsSubjectAndMetadata() {
        String token = mint(Map.of("keyPrefix", "avatars/user-42", "metadata", Map.of("album", "holiday"),
                "contentTypes", List.of("image/*")));

        ServiceApi.Response grant = asUploader(token, "/api/v1/uploads",
                Map.of("filename", "me.png", "contentType", "image/png", "size", 100, "method", "PUT",
                        "metadata", Map.of("album", "forged", "camera", "x100")));

        assertThat(grant.status()).as(grant.body()).isEqualTo(201);
        assertThat(grant.json().get("key").asString()).startsWith("tenants/" + tenant + "/avatars/user-42/");
        UploadSession session = sessions.find(tenant, UUID.fromString(grant.json().get("uploadId").asString())).orElseThrow();
        assertThat(session.metadata())
                .containsEntry("subject", "user-42").containsEntry("album", "holiday").containsEntry("camera", "x100");
    }

    @Test
    void refusesATypeTheTokenDoesNotAllowAndAFileAboveItsSize() {
        String token = mint(Map.of("contentTypes", List.of("image/*"), "maxFileBytes", 1000));

        ServiceApi.Response wrongType = asUploader(token, "/api/v1/uploads", file("a.pdf", "application/pdf", 10));
        ServiceApi.Response tooBig = asUploader(token, "/api/v1/uploads", file("a.png", "image/png", 1001));

        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.contentType()).startsWith("application/problem+json");
        assertThat(wrongType.body()).contains("allowed-content-types");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.body()).contains("max-object-size");
    }

    @Test
    void countsFilesAndBytesAgainstTheToken() {
        String counted = mint(Map.of("maxFiles", 2));
        assertThat(asUploader(counted, "/api/v1/uploads", file("1.txt", "text/plain", 5)).status()).isEqualTo(201);
        assertThat(asUploader(counted, "/api/v1/uploads", file("2.txt", "text/plain", 5)).status()).isEqualTo(201);
        ServiceApi.Response third = asUploader(counted, "/api/v1/uploads", file("3.txt", "text/plain", 5));
        assertThat(third.status()).isEqualTo(403);
        assertThat(third.body()).contains("upload-token-max-files");

        String sized = mint(Map.of("maxTotalBytes", 1000));
        assertThat(asUploader(sized, "/api/v1/uploads", file("1.txt", "text/plain", 600)).status()).isEqualTo(201);
        ServiceApi.Response over = asUploader(sized, "/api/v1/uploads", file("2.txt", "text/plain", 600));
        assertThat(over.status()).isEqualTo(403);
        assertThat(over.body()).contains("upload-token-max-total-bytes");
        assertThat(asUploader(sized, "/api/v1/uploads", file("3.txt", "text/plain", 400)).status()).isEqualTo(201);
    }

    @Test
    void concurrentUploadsNeverExceedTheTokensFileCount() throws Exception {
        String token = mint(Map.of("maxFiles", 5));
        ExecutorService browsers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int n = i;
                answers.add(browsers.submit(() -> asUploader(token, "/api/v1/uploads",
                        file(n + ".txt", "text/plain", 5)).status()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(5);
            assertThat(statuses).filteredOn(s -> s == 403).hasSize(19);
        } finally {
            browsers.shutdownNow();
        }
        JsonNode usage = api().get(tenant, "/api/v1/upload-tokens/" + codec.verify(token).id()).json();
        assertThat(usage.get("filesUsed").asInt()).isEqualTo(5);
    }

    @Test
    void aRevokedTokenIsRefused() {
        String token = mint(Map.of());
        assertThat(asUploader(token, "/api/v1/uploads", file("1.txt", "text/plain", 5)).status()).isEqualTo(201);

        ServiceApi.Response revoked = api().delete(tenant, "/api/v1/upload-tokens/" + codec.verify(token).id());
        ServiceApi.Response after = asUploader(token, "/api/v1/uploads", file("2.txt", "text/plain", 5));

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.body()).contains("revoked");
    }

    @Test
    void anotherTenantCannotRevokeOrReadTheToken() {
        String token = mint(Map.of());
        String id = codec.verify(token).id().toString();

        assertThat(api().delete("other-" + tenant, "/api/v1/upload-tokens/" + id).status()).isEqualTo(404);
        assertThat(api().get("other-" + tenant, "/api/v1/upload-tokens/" + id).status()).isEqualTo(404);
    }

    @Test
    void anExpiredOrForgedTokenIsRefused() {
        UploadToken expired = new UploadToken(UUID.randomUUID(), tenant, "user-42", null, null, null, null, null,
                null, null, Instant.now().minusSeconds(1));
        UploadToken live = new UploadToken(UUID.randomUUID(), tenant, "user-42", null, null, null, null, null,
                null, null, Instant.now().plusSeconds(60));
        String forged = new UploadTokenSigner(IdentityKeys.privateKey(TestIdentityKeys.ROGUE_PRIVATE_KEY)).sign(live);
        // the gateway's key is trusted for assertions, never for upload tokens
        String signedByTheGateway = new UploadTokenSigner(IdentityKeys.privateKey(TestIdentityKeys.GATEWAY_PRIVATE_KEY))
                .sign(live);

        ServiceApi.Response expiredAnswer = api().send(api().uploaderRequest(expired, signer.sign(expired),
                "/api/v1/uploads/" + UUID.randomUUID()).GET().build());
        ServiceApi.Response forgedAnswer = api().send(api().uploaderRequest(live, forged,
                "/api/v1/uploads/" + UUID.randomUUID()).GET().build());

        assertThat(expiredAnswer.status()).isEqualTo(401);
        assertThat(expiredAnswer.body()).contains("expired");
        assertThat(forgedAnswer.status()).isEqualTo(401);
        assertThat(api().send(api().uploaderRequest(live, signedByTheGateway, "/api/v1/uploads/" + UUID.randomUUID())
                .GET().build()).status()).isEqualTo(401);
    }

    @Test
    void aTokenReachesTheUploadRoutesOnly() {
        String token = mint(Map.of());

        ServiceApi.Response download = asUploader(token, "/api/v1/downloads", Map.of("key", "tenants/" + tenant + "/x"));
        ServiceApi.Response sts = asUploader(token, "/api/v1/sts/credentials", Map.of());
        ServiceApi.Response mintAnother = asUploader(token, "/api/v1/upload-tokens", Map.of("subject", "someone"));

        assertThat(List.of(download.status(), sts.status(), mintAnother.status())).containsOnly(403);
        assertThat(download.body()).contains("upload routes only");
    }

    @Test
    void mintingChecksItsLimits() {
        ServiceApi.Response tooLong = api().post(tenant, "/api/v1/upload-tokens",
                Map.of("subject", "u", "ttlSeconds", 86_401));
        ServiceApi.Response escaping = api().post(tenant, "/api/v1/upload-tokens",
                Map.of("subject", "u", "keyPrefix", "../other-tenant"));
        ServiceApi.Response noSubject = api().post(tenant, "/api/v1/upload-tokens", Map.of("maxFiles", 1));

        assertThat(List.of(tooLong.status(), escaping.status(), noSubject.status())).containsOnly(400);
        assertThat(tooLong.body()).contains("max-ttl");
        assertThat(escaping.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anAbortedUploadGivesItsFileAndBytesBackToTheToken() {
        String token = mint(Map.of("maxFiles", 1));
        long size = 6L * 1024 * 1024;
        Map<String, Object> multipart = Map.of("filename", "film.bin", "contentType", "application/octet-stream",
                "size", size, "method", "MULTIPART");
        ServiceApi.Response first = asUploader(token, "/api/v1/uploads", multipart);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(asUploader(token, "/api/v1/uploads", multipart).body()).contains("upload-token-max-files");
        assertThat(usage(token).get("bytesUsed").asLong()).isEqualTo(size);

        UploadToken verified = codec.verify(token);
        ServiceApi.Response aborted = api().send(api().uploaderRequest(verified, token,
                "/api/v1/uploads/" + first.json().get("uploadId").asString()).DELETE().build());
        assertThat(aborted.status()).as(aborted.body()).isBetween(200, 204);

        assertThat(usage(token).get("filesUsed").asInt()).isZero();
        assertThat(usage(token).get("bytesUsed").asLong()).isZero();
        assertThat(asUploader(token, "/api/v1/uploads", multipart).status()).as("the file given back is granted again")
                .isEqualTo(201);
    }

    @Autowired
    UploadTokenRepository tokens;

    @Test
    void anUploadThatStoredLessThanItReservedGivesTheRestBackOnceAndAnEndedOneGivesNothingTwice() {
        String token = mint(Map.of("maxTotalBytes", 1000));
        UUID tokenId = codec.verify(token).id();
        UUID openSize = UUID.randomUUID();
        UUID abandoned = UUID.randomUUID();
        assertThat(tokens.reserve(tokenId, openSize, 600)).as("an open-size upload reserves the per-file maximum").isTrue();
        assertThat(tokens.reserve(tokenId, abandoned, 400)).isTrue();
        assertThat(tokens.reserve(tokenId, UUID.randomUUID(), 1)).as("the total is reserved").isFalse();

        tokens.settle(openSize, 150);
        tokens.settle(openSize, 150);
        tokens.release(abandoned);
        tokens.release(abandoned);

        assertThat(usage(token).get("bytesUsed").asLong()).as("bytes counted: the 150 stored").isEqualTo(150);
        assertThat(usage(token).get("filesUsed").asInt()).as("files counted: the one stored").isEqualTo(1);
    }

    private JsonNode usage(String token) {
        return api().get(tenant, "/api/v1/upload-tokens/" + codec.verify(token).id()).json();
    }
}

