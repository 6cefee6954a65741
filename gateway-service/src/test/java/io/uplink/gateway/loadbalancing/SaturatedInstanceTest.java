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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance so busy that its readiness probe goes unanswered is still alive while it answers the requests it
 * is sent; it leaves the rotation only once it answers neither.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UplinkInfrastructure(Infra.REDIS)
class SaturatedInstanceTest {

    private static final EchoUpstream BUSY = EchoUpstream.start("busy");
    private static final EchoUpstream CALM = EchoUpstream.start("calm");

    @LocalServerPort
    int port;

    @Autowired
    LoadBalancerClientFactory loadBalancers;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("uplink.gateway.upstreams.credential-instances", () -> BUSY.baseUrl() + "," + CALM.baseUrl());
        GatewayIntegrationTest.standardProperties(registry);
        registry.add("uplink.gateway.load-balancing.health-check-interval", () -> "500ms");
        registry.add("uplink.gateway.load-balancing.health-check-timeout", () -> "500ms");
        registry.add("uplink.gateway.load-balancing.unhealthy-after-timeouts", () -> "2");
        registry.add("uplink.gateway.rate-limit.default-requests-per-second", () -> "100000");
        registry.add("uplink.gateway.rate-limit.default-burst", () -> "100000");
    }

    @AfterAll
    static void stop() {
        BUSY.close();
        CALM.close();
    }

    @Test
    void keepsAnInstanceWhoseProbesGoUnansweredWhileItAnswersRequestsAndDropsItOnceItAnswersNeither() throws Exception {
        String key = SharedUpstreams.KEYS.issueTenantKey("tenant-" + UUID.randomUUID());
        WebClient http = WebClient.create("http://127.0.0.1:" + port);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        Rotation rotation = new Rotation(loadBalancers);
        rotation.awaitAllOf(BUSY, CALM);

        BUSY.delayHealth(10_000);
        try {
            int servedBefore = BUSY.requestCount();
            var load = Flux.interval(Duration.ofMillis(10))
                    .onBackpressureDrop()
                    .take(Duration.ofSeconds(4))
                    .flatMap(i -> http.get().uri("/api/v1/downloads/d-" + i).header("Authorization", "Bearer " + key)
                            .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                            .doOnNext(status -> statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet())
                            .onErrorResume(e -> {
                                errors.computeIfAbsent(e.toString(), s -> new AtomicInteger()).incrementAndGet();
                                return Mono.empty();
                            }), 4)
                    .then()
                    .toFuture();
            // each probe of BUSY goes unanswered for 500 ms: 2 in a row would take an idle instance out
            while (!load.isDone()) {
                assertThat(rotation.instances()).as("busy instance in rotation while it answers requests")
                        .contains(BUSY.address());
                Thread.sleep(100);
            }
            load.get(10, TimeUnit.SECONDS);
            assertThat(errors).isEmpty();
            assertThat(statuses.keySet()).containsExactly(200);
            assertThat(BUSY.requestCount() - servedBefore).as("requests the busy instance answered").isGreaterThan(10);

            long idleSince = System.nanoTime();
            while (rotation.instances().contains(BUSY.address())) {
                assertThat(Duration.ofNanos(System.nanoTime() - idleSince))
                        .as("an instance answering neither probes nor requests leaves the rotation")
                        .isLessThan(Duration.ofSeconds(5));
                Thread.sleep(100);
            }
            assertThat(rotation.instances()).containsExactly(CALM.address());
        } finally {
            BUSY.delayHealth(0);
        }
    }
}
