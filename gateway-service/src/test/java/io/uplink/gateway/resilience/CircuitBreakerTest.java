package io.uplink.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.uplink.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.Map;
import java.util.UUID;

import static io.uplink.gateway.support.SharedUpstreams.CREDENTIAL_A;
import static io.uplink.gateway.support.SharedUpstreams.CREDENTIAL_B;
import static io.uplink.gateway.support.SharedUpstreams.KEYS;
import static io.uplink.gateway.support.SharedUpstreams.METADATA;
import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTest extends GatewayIntegrationTest {

    /** The breaker records a call once its response is written, a moment after the client may have read it. */
    private void awaitState(String breaker, CircuitBreaker.State expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (breakers.circuitBreaker(breaker).getState() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(breakers.circuitBreaker(breaker).getState()).isEqualTo(expected);
    }

    @Test
    void credentialRouteFailsFastWithRetryAfterWhileTheServiceIsDownAndRecovers() throws InterruptedException {
        CREDENTIAL_A.failWith(503);
        CREDENTIAL_B.failWith(503);
        for (int i = 0; i < 4; i++) {
            tenantClient.post().uri("/api/v1/uploads/presign").bodyValue("{}").exchange().expectStatus().isEqualTo(503);
        }
        // the fourth failure may be recorded a moment after its answer arrived
        awaitState("credential", CircuitBreaker.State.OPEN);
        int upstreamCalls = CREDENTIAL_A.requestCount() + CREDENTIAL_B.requestCount();
        long started = System.nanoTime();
        tenantClient.post().uri("/api/v1/uploads/presign").bodyValue("{}").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(503);
        // no upstream call proves the fail-fast; the bound (far below the route's timeout) only catches waiting
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
        assertThat(CREDENTIAL_A.requestCount() + CREDENTIAL_B.requestCount()).isEqualTo(upstreamCalls);

        CREDENTIAL_A.failWith(0);
        CREDENTIAL_B.failWith(0);
        awaitState("credential", CircuitBreaker.State.HALF_OPEN);
        tenantClient.post().uri("/api/v1/uploads/presign").bodyValue("{}").exchange().expectStatus().isOk();
        tenantClient.post().uri("/api/v1/uploads/presign").bodyValue("{}").exchange().expectStatus().isOk();
        awaitState("credential", CircuitBreaker.State.CLOSED);
    }

    @Test
    @SuppressWarnings("unchecked")
    void metadataReadsServeTheCallersRecentAnswerWhileMetadataFails() throws InterruptedException {
        String path = "/api/v1/files/f-" + UUID.randomUUID();
        Map<String, Object> fresh = tenantClient.get().uri(path).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        METADATA.failWith(503);
        for (int i = 0; i < 6; i++) {
            Map<String, Object> stale = tenantClient.get().uri(path).exchange()
                    .expectStatus().isOk()
                    .expectHeader().exists("Age")
                    .expectHeader().valueMatches("Cache-Status", ".*upstream-unavailable.*")
                    .expectBody(Map.class).returnResult().getResponseBody();
            assertThat(stale).isEqualTo(fresh);
        }
        awaitState("files", CircuitBreaker.State.OPEN);

        // another tenant never sees this tenant's cached answer
        String otherKey = KEYS.issueTenantKey("tenant-" + UUID.randomUUID());
        client.get().uri(path).header("Authorization", "Bearer " + otherKey).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("Retry-After");
    }
}
