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

/** Owns its credential instances so it can kill one while the gateway is under load. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UplinkInfrastructure(Infra.REDIS)
class LoadBalancingTest {

    private static final EchoUpstream DOOMED = EchoUpstream.start("doomed");
    private static final EchoUpstream SURVIVOR = EchoUpstream.start("survivor");

    @LocalServerPort
    int port;

    @Autowired
    LoadBalancerClientFactory loadBalancers;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("uplink.gateway.upstreams.credential-instances", () -> DOOMED.baseUrl() + "," + SURVIVOR.baseUrl());
        GatewayIntegrationTest.standardProperties(registry);
        registry.add("uplink.gateway.rate-limit.default-requests-per-second", () -> "100000");
        registry.add("uplink.gateway.rate-limit.default-burst", () -> "100000");
    }

    @AfterAll
    static void stop() {
        DOOMED.close();
        SURVIVOR.close();
    }

    @Test
    void killingAnInstanceUnderLoadFailsNoRequestAndTakesItOutOfRotationWithinFiveSeconds() throws Exception {
        String key = SharedUpstreams.KEYS.issueTenantKey("tenant-" + UUID.randomUUID());
        WebClient http = WebClient.create("http://127.0.0.1:" + port);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();

        // Preconditions, not the property under test: both instances in rotation and the request path warm (JIT,
        // connections, key lookup). On a starved machine these take what they take, so their bound is loose.
        Rotation rotation = new Rotation(loadBalancers);
        rotation.awaitAllOf(DOOMED, SURVIVOR);
        http.get().uri("/api/v1/downloads/warm-up").header("Authorization", "Bearer " + key)
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                .doOnNext(status -> assertThat(status).as("warm-up").isEqualTo(200))
                .block(Duration.ofSeconds(60));

        var load = Flux.range(0, 1200)
                .delayElements(Duration.ofMillis(3))
                .flatMap(i -> {
                    var request = i % 2 == 0
                            ? http.get().uri("/api/v1/downloads/d-" + i)
                            : http.post().uri("/api/v1/uploads/presign").bodyValue("{\"filename\":\"f" + i + ".png\"}");
                    return request.header("Authorization", "Bearer " + key)
                            .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                            .doOnNext(status -> statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet())
                            .onErrorResume(e -> {
                                errors.computeIfAbsent(e.toString(), s -> new AtomicInteger()).incrementAndGet();
                                return Mono.empty();
                            });
                }, 8)
                .then()
                .toFuture();

        long started = System.nanoTime();
        while (DOOMED.requestCount() < 50 || SURVIVOR.requestCount() < 50) {
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("both instances serve; in rotation: %s, statuses %s, errors %s", rotation.instances(), statuses, errors)
                    .isLessThan(Duration.ofSeconds(60));
            Thread.sleep(20);
        }
        assertThat(load).as("the instance dies while the gateway is under load").isNotDone();
        DOOMED.close();
        long killedAt = System.nanoTime();
        // the guarantee under test: out of rotation within 5 s of the kill
        while (rotation.instances().contains(DOOMED.address())) {
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).as("time from kill to leaving rotation")
                    .isLessThan(Duration.ofSeconds(5));
            Thread.sleep(100);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).as("time from kill to leaving rotation")
                .isLessThan(Duration.ofSeconds(5));
        load.get(120, TimeUnit.SECONDS);

        assertThat(errors).isEmpty();
        assertThat(statuses.keySet()).containsExactly(200);
        assertThat(statuses.get(200).get()).isEqualTo(1200);
        assertThat(rotation.instances()).containsExactly(SURVIVOR.address());
    }
}
