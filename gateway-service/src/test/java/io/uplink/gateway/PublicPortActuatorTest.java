package io.uplink.gateway;

import io.uplink.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Without a management port of its own and without being told otherwise, the gateway's public port tells the world
 * whether it is up, and nothing else: no metrics, no component details.
 */
class PublicPortActuatorTest extends GatewayIntegrationTest {

    @Test
    void thePublicPortAnswersTheHealthStatusWithoutDetailsAndNoMetrics() {
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.components").doesNotExist();
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        for (String path : new String[] {"/actuator/prometheus", "/actuator/metrics", "/actuator/env", "/actuator/info"}) {
            client.get().uri(path).exchange().expectStatus().isNotFound();
        }
    }
}
