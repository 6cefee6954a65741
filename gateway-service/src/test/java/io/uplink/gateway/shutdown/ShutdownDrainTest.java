package io.uplink.gateway.shutdown;

import io.uplink.gateway.support.GatewayIntegrationTest;
import io.uplink.service.shutdown.ShutdownDrain;
import io.uplink.testsupport.http.KeptAliveConnection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Over a real socket: a stopping gateway keeps serving for its drain time with readiness down, and closes each
 * connection after its answer, so a client (or the load balancer in front) never sends a request on a connection the
 * gateway is about to close.
 */
@TestPropertySource(properties = "uplink.gateway.shutdown.drain-time=3s")
class ShutdownDrainTest extends GatewayIntegrationTest {

    @Autowired
    ShutdownDrain drain;

    @Test
    void aStoppingGatewayKeepsServingWithReadinessDownAndClosesEachConnectionAfterItsAnswer() throws Exception {
        try (KeptAliveConnection kept = new KeptAliveConnection(port)) {
            assertThat(kept.get("/actuator/health/readiness")).startsWith("HTTP/1.1 200").doesNotContain("connection: close");

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(drain::stop);
            await().atMost(Duration.ofSeconds(2)).until(drain::isDraining);

            assertThat(kept.get("/actuator/health/readiness")).as("readiness, on the kept-alive connection")
                    .startsWith("HTTP/1.1 503").contains("connection: close");
            assertThat(kept.closedByServer()).as("the gateway closed the connection after the answer").isTrue();
            try (KeptAliveConnection fresh = new KeptAliveConnection(port)) {
                assertThat(fresh.get("/api/v1/files")).as("a new connection is still answered while draining")
                        .startsWith("HTTP/1.1 401").contains("connection: close");
            }
            assertThat(stopping).as("the drain lasts its drain time").isNotDone();
            stopping.get();
        }
    }
}
