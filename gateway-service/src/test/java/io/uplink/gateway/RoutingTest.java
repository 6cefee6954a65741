package io.uplink.gateway;

import io.uplink.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.springframework.http.MediaType;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static io.uplink.gateway.support.SharedUpstreams.CALLBACK;
import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(properties = {
        // as deployments expose them on a management port of their own: these tests read metrics and details
        "UPLINK_ACTUATOR_ENDPOINTS=health,prometheus,metrics", "UPLINK_HEALTH_DETAILS=always"})
class RoutingTest extends GatewayIntegrationTest {

    @SuppressWarnings("unchecked")
    private Map<String, Object> get(String path) {
        return tenantClient.get().uri(path).exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void spreadsCredentialRoutesOverEveryConfiguredInstance() {
        Set<Object> reached = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            reached.add(get("/api/v1/uploads/presign?i=" + i).get("upstream"));
        }
        assertThat(reached).containsExactlyInAnyOrder("credential-a", "credential-b");
    }

    @Test
    void routesEachApiFamilyToItsService() {
        assertThat(get("/api/v1/s3/sign").get("upstream")).asString().startsWith("credential-");
        assertThat(get("/api/v1/sts/session").get("upstream")).asString().startsWith("credential-");
        assertThat(get("/api/v1/downloads/x").get("upstream")).asString().startsWith("credential-");
        assertThat(get("/api/v1/files/f_1").get("upstream")).isEqualTo("metadata");
        assertThat(get("/api/v1/usage").get("upstream")).isEqualTo("metadata");
        assertThat(get("/api/v1/webhooks/endpoints").get("upstream")).isEqualTo("callback");
    }

    @Test
    @SuppressWarnings("unchecked")
    void generatesARequestIdAndSendsItUpstreamAndBack() {
        var result = tenantClient.get().uri("/api/v1/files/f_1").exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult();
        String id = result.getResponseHeaders().getFirst("X-Request-Id");
        assertThat(id).isNotBlank();
        Map<String, Object> headers = (Map<String, Object>) result.getResponseBody().get("headers");
        assertThat(headers.get("x-request-id")).asList().containsExactly(id);
    }

    @Test
    @SuppressWarnings("unchecked")
    void propagatesAClientRequestId() {
        var result = tenantClient.get().uri("/api/v1/files/f_1").header("X-Request-Id", "client-req-42").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", "client-req-42")
                .expectBody(Map.class).returnResult();
        Map<String, Object> headers = (Map<String, Object>) result.getResponseBody().get("headers");
        assertThat(headers.get("x-request-id")).asList().containsExactly("client-req-42");
    }

    @Test
    @SuppressWarnings("unchecked")
    void replacesAMalformedClientRequestIdUpstreamAsWell() {
        var result = tenantClient.get().uri("/api/v1/files/f_1").header("X-Request-Id", "bad id; with spaces").exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult();
        String id = result.getResponseHeaders().getFirst("X-Request-Id");
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        Map<String, Object> headers = (Map<String, Object>) result.getResponseBody().get("headers");
        assertThat(headers.get("x-request-id")).asList().containsExactly(id);
    }

    @Test
    void answersUnknownPathsWithProblemJson() {
        tenantClient.get().uri("/api/v1/nothing-here").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404).jsonPath("$.requestId").isNotEmpty();
    }

    @Test
    void answersASlowUpstreamWithGatewayTimeoutAfterTheRoutesTimeout() {
        tenantClient.get().uri("/api/v1/webhooks/warm-up").exchange().expectStatus().isOk();
        // far beyond the route's 3 s timeout, so only the gateway's timeout can end the request in time
        CALLBACK.delay(30_000);
        long started = System.nanoTime();
        tenantClient.get().uri("/api/v1/webhooks/slow").exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(504);
        assertThat((System.nanoTime() - started) / 1_000_000).isBetween(3_000L, 20_000L);
    }

    @Test
    void exposesReadinessWithRedisPrometheusAndOpenApi() {
        client.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.components.rateLimiter.status").isEqualTo("UP");
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
        client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.openapi").isNotEmpty();
    }
}
