package io.uplink.gateway.loadbalancing;

import io.uplink.gateway.support.EchoUpstream;
import io.uplink.gateway.support.GatewayIntegrationTest;
import io.uplink.gateway.support.SharedUpstreams;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.UplinkInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When no instance passes its checks — during a rolling restart the one just back can still be out (its probe lags)
 * while the other is stopping — the gateway tries them all instead of answering 503 from an empty rotation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UplinkInfrastructure(Infra.REDIS)
class NoInstancePassingItsChecksTest {

    private static final EchoUpstream NOT_YET_READY = EchoUpstream.start("not-yet-ready");
    private static final EchoUpstream STOPPED = EchoUpstream.start("stopped");

    @LocalServerPort
    int port;

    @Autowired
    LoadBalancerClientFactory loadBalancers;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("uplink.gateway.upstreams.credential-instances", () -> NOT_YET_READY.baseUrl() + "," + STOPPED.baseUrl());
        GatewayIntegrationTest.standardProperties(registry);
    }

    @AfterAll
    static void stop() {
        NOT_YET_READY.close();
        STOPPED.close();
    }

    @Test
    void everyInstanceIsTriedWhenNoneIsInRotationAndTheOneThatAnswersServes() throws Exception {
        String key = SharedUpstreams.KEYS.issueTenantKey("tenant-" + UUID.randomUUID());
        WebClient http = WebClient.create("http://127.0.0.1:" + port);
        new Rotation(loadBalancers).awaitAllOf(NOT_YET_READY, STOPPED);

        NOT_YET_READY.answerHealthWith(503);
        STOPPED.close();
        int probesBefore = NOT_YET_READY.healthProbeCount();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (NOT_YET_READY.healthProbeCount() < probesBefore + 2) {
            assertThat(System.nanoTime() - deadline).as("the gateway probes the instance that says it is not ready").isNegative();
            Thread.sleep(50);
        }
        Thread.sleep(1_500); // the stopped instance's probe is refused within the same interval

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            statuses.add(http.post().uri("/api/v1/uploads/presign").header("Authorization", "Bearer " + key)
                    .bodyValue("{\"filename\":\"f" + i + ".png\"}")
                    .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                    .block(Duration.ofSeconds(30)));
        }

        assertThat(statuses).as("answers while no instance passes its checks").containsOnly(200);
        NOT_YET_READY.answerHealthWith(200);
    }
}
