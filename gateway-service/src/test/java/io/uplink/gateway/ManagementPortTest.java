package io.uplink.gateway;

import io.uplink.gateway.support.EchoUpstream;
import io.uplink.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.uplink.gateway.support.SharedUpstreams.CALLBACK;
import static io.uplink.gateway.support.SharedUpstreams.CREDENTIAL_A;
import static io.uplink.gateway.support.SharedUpstreams.CREDENTIAL_B;
import static io.uplink.gateway.support.SharedUpstreams.METADATA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With UPLINK_MANAGEMENT_PORT set (as docker-compose.yml does), actuator answers on that port only: the public
 * port serves neither the gateway's own actuator nor, through a route, an upstream's.
 */
@TestPropertySource(properties = {"UPLINK_MANAGEMENT_PORT=0",
        // as docker-compose.yml and the Kubernetes base expose them there
        "UPLINK_ACTUATOR_ENDPOINTS=health,info,prometheus,metrics", "UPLINK_HEALTH_DETAILS=always"})
class ManagementPortTest extends GatewayIntegrationTest {

    @LocalManagementPort
    int managementPort;

    @Autowired
    RouteLocator routes;

    @Test
    void servesActuatorOnTheManagementPortOnly() {
        assertThat(managementPort).isPositive().isNotEqualTo(port);
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort)
                .responseTimeout(Duration.ofSeconds(20)).build();
        management.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();

        for (String path : List.of("/actuator/health/readiness", "/actuator/health", "/actuator/prometheus",
                "/actuator/metrics", "/actuator/info")) {
            client.get().uri(path).exchange().expectStatus().isNotFound();
        }
    }

    @Test
    void noRouteProxiesAnUpstreamsActuator() {
        List<String> reached = new CopyOnWriteArrayList<>();
        for (EchoUpstream upstream : List.of(CREDENTIAL_A, CREDENTIAL_B, METADATA, CALLBACK)) {
            upstream.handle("/actuator", (method, path, headers, body) -> {
                reached.add(upstream.name() + " " + path);
                return null;
            });
        }
        for (String path : List.of("/actuator/prometheus", "/actuator/env", "/api/v1/actuator/env")) {
            tenantClient.get().uri(path).exchange().expectStatus().isNotFound();
        }
        // a servlet container would normalise these to /actuator/env after the files or webhooks route matched
        for (String path : List.of("/api/v1/files/../../actuator/env", "/api/v1/files/%2e%2e/%2E%2E/actuator/env",
                "/api/v1/files/..;/..;/actuator/env", "/api/v1/webhooks/..%2F..%2Factuator/env",
                "/api/v1/files/.%2e/..%5C..%5Cactuator/env", "/api/v1/files/./f_1")) {
            tenantClient.get().uri(java.net.URI.create("http://127.0.0.1:" + port + path)).exchange()
                    .expectStatus().isBadRequest();
        }
        assertThat(reached).isEmpty();
        assertThat(routes.getRoutes().collectList().block()).isNotEmpty()
                .allSatisfy(route -> assertThat(route.getPredicate().toString()).containsAnyOf("/api/v1/", "/console")
                        .doesNotContain("/actuator"));
    }
}
