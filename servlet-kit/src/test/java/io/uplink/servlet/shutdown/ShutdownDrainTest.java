package io.uplink.servlet.shutdown;

import io.uplink.service.shutdown.ShutdownDrain;
import io.uplink.testsupport.http.KeptAliveConnection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Over a real socket: a stopping service keeps serving for its drain time with readiness down, and closes each
 * connection after its answer, so a client never sends a request on a connection the server is about to close.
 */
@SpringBootTest(classes = DrainTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "uplink.shutdown.drain-time=3s")
class ShutdownDrainTest {

    @LocalServerPort
    int port;

    @Autowired
    ShutdownDrain drain;

    @Autowired
    ApplicationAvailability availability;

    @Test
    void aStoppingServiceKeepsServingWithReadinessDownAndClosesEachConnectionAfterItsAnswer() throws Exception {
        try (KeptAliveConnection kept = new KeptAliveConnection(port)) {
            assertThat(kept.get("/api/ping")).startsWith("HTTP/1.1 200").doesNotContain("connection: close");

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(drain::stop);
            await().atMost(Duration.ofSeconds(2)).until(() -> availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC);

            assertThat(kept.get("/api/ping")).as("a request on the kept-alive connection is answered")
                    .startsWith("HTTP/1.1 200").contains("connection: close");
            assertThat(kept.closedByServer()).as("the server closed the connection after the answer").isTrue();
            try (KeptAliveConnection fresh = new KeptAliveConnection(port)) {
                assertThat(fresh.get("/api/ping")).as("a new connection is still served while draining")
                        .startsWith("HTTP/1.1 200").contains("connection: close");
            }
            assertThat(stopping).as("the drain lasts its drain time").isNotDone();
            stopping.get();
        }
    }
}
