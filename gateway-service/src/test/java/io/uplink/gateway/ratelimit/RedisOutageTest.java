package io.uplink.gateway.ratelimit;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.gateway.support.GatewayIntegrationTest;
import io.uplink.gateway.support.SharedUpstreams;
import io.uplink.testsupport.EmbeddedRedisServer;
import io.uplink.testsupport.UplinkInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.uplink.gateway.support.SharedUpstreams.KEYS;
import static org.assertj.core.api.Assertions.assertThat;

/** Owns a private Redis so it can stop it: rate limits must keep working (per instance) and health must say so. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// no shared servers wanted; the empty marker works around test-support's customizer factory failing on classes
// without the annotation (it synthesizes a missing annotation)
@UplinkInfrastructure({})
@TestPropertySource(properties = {
        // as deployments expose them on a management port of their own: these tests read metrics and details
        "UPLINK_ACTUATOR_ENDPOINTS=health,prometheus,metrics", "UPLINK_HEALTH_DETAILS=always"})
class RedisOutageTest {

    private static final EmbeddedRedisServer REDIS = EmbeddedRedisServer.start(0);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> REDIS.endpoint().host());
        registry.add("spring.data.redis.port", () -> REDIS.endpoint().port());
        registry.add("uplink.gateway.upstreams.credential-instances",
                () -> SharedUpstreams.CREDENTIAL_A.baseUrl() + "," + SharedUpstreams.CREDENTIAL_B.baseUrl());
        // generous timeouts: a stopped Redis refuses at once, so only a starved machine would hit them
        GatewayIntegrationTest.standardProperties(registry);
        registry.add("uplink.gateway.rate-limit.redis-retry-interval", () -> "500ms");
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void keepsLimitingInMemoryWhileRedisIsDownAndSaysSoInHealthAndMetrics() throws InterruptedException {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        String key = KEYS.issueKey("tenant-" + UUID.randomUUID(), List.of(IdentityAssertion.ROLE_TENANT),
                Map.of("rateLimit", Map.of("requestsPerSecond", 0.2, "burst", 3)));
        client.get().uri("/api/v1/files/x").header("Authorization", "Bearer " + key).exchange().expectStatus().isOk();
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.components.rateLimiter.status").isEqualTo("UP");

        REDIS.stop();
        long stopped = System.nanoTime();
        try {
            int allowed = 0;
            int throttled = 0;
            for (int i = 0; i < 10; i++) {
                int status = client.get().uri("/api/v1/files/x").header("Authorization", "Bearer " + key).exchange()
                        .returnResult(String.class).getStatus().value();
                if (status == 200) {
                    allowed++;
                } else if (status == 429) {
                    throttled++;
                }
            }
            // a fresh in-memory bucket: its burst, plus what refilled (0.2/s) while this slow machine sent them
            long refilled = (long) Math.ceil((System.nanoTime() - stopped) / 1e9 * 0.2);
            assertThat(allowed + throttled).isEqualTo(10);
            assertThat((long) allowed).isBetween(3L, 3L + refilled);
            client.get().uri("/actuator/health/readiness").exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.status").isEqualTo("DEGRADED")
                    .jsonPath("$.components.rateLimiter.details.backend").isEqualTo("local");
            client.get().uri("/actuator/health").exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.components.redis").doesNotExist();
            client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                    .expectBody(String.class).value(body -> assertThat(body)
                            .contains("uplink_gateway_ratelimit_degraded 1.0")
                            .containsPattern("uplink_gateway_ratelimit_decisions_total\\{backend=\"local\",outcome=\"throttled\""));
        } finally {
            REDIS.restart();
        }

        String fresh = KEYS.issueTenantKey("tenant-" + UUID.randomUUID());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String status = "";
        while (System.nanoTime() < deadline && !status.equals("UP")) {
            Thread.sleep(300);
            client.get().uri("/api/v1/files/x").header("Authorization", "Bearer " + fresh).exchange();
            Map<?, ?> health = client.get().uri("/actuator/health/readiness").exchange()
                    .expectBody(Map.class).returnResult().getResponseBody();
            status = String.valueOf(health.get("status"));
        }
        assertThat(status).isEqualTo("UP");
    }
}
