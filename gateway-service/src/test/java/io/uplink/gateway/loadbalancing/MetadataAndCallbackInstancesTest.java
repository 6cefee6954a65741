package io.uplink.gateway.loadbalancing;

import io.uplink.gateway.routing.Upstream;
import io.uplink.gateway.support.EchoUpstream;
import io.uplink.gateway.support.FakeKeyRegistry;
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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metadata- and callback-service run as several instances too: the gateway spreads their routes and its own key
 * lookups over every instance listed, and once an instance is gone, every request (reads and writes) is answered by
 * the others, before any health check has noticed (the probes run once, at start): a refused connection never reached
 * an instance, so it is sent to the next.
 *
 * <p>"Gone" means its connections are closed and the gateway has seen them close. A write sent on a kept-alive
 * connection at the very moment its instance dies is answered 502, not replayed: it may have arrived. That moment is
 * what a loaded machine stretches, so the test lets the gateway see the closes before it sends again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UplinkInfrastructure(Infra.REDIS)
class MetadataAndCallbackInstancesTest {

    private static final EchoUpstream METADATA_1 = EchoUpstream.start("metadata-1");
    private static final EchoUpstream METADATA_2 = EchoUpstream.start("metadata-2");
    private static final EchoUpstream CALLBACK_1 = EchoUpstream.start("callback-1");
    private static final EchoUpstream CALLBACK_2 = EchoUpstream.start("callback-2");
    private static final FakeKeyRegistry KEYS =
            FakeKeyRegistry.servedBy(METADATA_1, METADATA_2);

    /** Ample for the gateway's event loops to read the closes of its kept-alive connections, even on a loaded machine. */
    private static final Duration GATEWAY_SEES_THE_CLOSES = Duration.ofMillis(500);

    @LocalServerPort
    int port;

    @Autowired
    LoadBalancerClientFactory loadBalancers;

    @Autowired
    InstanceEjections ejections;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("uplink.gateway.upstreams.credential-instances", SharedUpstreams.CREDENTIAL_A::baseUrl);
        GatewayIntegrationTest.standardProperties(registry);
        registry.add("uplink.gateway.upstreams.metadata-instances", () -> METADATA_1.baseUrl() + "," + METADATA_2.baseUrl());
        registry.add("uplink.gateway.upstreams.callback-instances", () -> CALLBACK_1.baseUrl() + "," + CALLBACK_2.baseUrl());
        // keys are looked up again on every request, so the lookups spread too
        registry.add("uplink.gateway.auth.key-cache-ttl", () -> "0s");
        registry.add("uplink.gateway.rate-limit.default-requests-per-second", () -> "100000");
        registry.add("uplink.gateway.rate-limit.default-burst", () -> "100000");
        // one probe at start: every hand-over below is the proxy's own doing
        registry.add("uplink.gateway.load-balancing.health-check-interval", () -> "10m");
        // an ejection outlasts the test, however slowly a loaded machine sends the requests after it
        registry.add("uplink.gateway.load-balancing.ejection-time", () -> "10m");
    }

    @AfterAll
    static void stop() {
        for (EchoUpstream upstream : List.of(METADATA_1, METADATA_2, CALLBACK_1, CALLBACK_2)) {
            upstream.close();
        }
    }

    @Test
    void routesAndKeyLookupsSpreadOverEveryInstanceAndAGoneInstanceFailsNoRequest() throws Exception {
        String key = KEYS.issueTenantKey("tenant-" + UUID.randomUUID());
        WebClient http = WebClient.create("http://127.0.0.1:" + port);
        new Rotation(loadBalancers, Upstream.METADATA).awaitAllOf(METADATA_1, METADATA_2);
        new Rotation(loadBalancers, Upstream.CALLBACK).awaitAllOf(CALLBACK_1, CALLBACK_2);

        Map<Integer, AtomicInteger> spread = send(http, key, 200);

        assertThat(spread.keySet()).as("statuses while every instance runs").containsExactly(200);
        assertThat(List.of(METADATA_1, METADATA_2, CALLBACK_1, CALLBACK_2))
                .allSatisfy(instance -> assertThat(instance.requestCount()).as(instance.name()).isGreaterThan(20));

        METADATA_1.close();
        CALLBACK_1.close();
        Thread.sleep(GATEWAY_SEES_THE_CLOSES.toMillis());
        int keyLookupsBefore = KEYS.lookups();
        Map<Integer, AtomicInteger> afterOneIsGone = send(http, key, 200);

        assertThat(afterOneIsGone.keySet()).as("statuses once one instance of each is gone").containsExactly(200);
        assertThat(afterOneIsGone.get(200).get()).isEqualTo(200);
        assertThat(KEYS.lookups()).as("key lookups answered by the remaining instance").isGreaterThan(keyLookupsBefore);
        assertThat(List.of(METADATA_1, CALLBACK_1)).as("handed over by the proxy itself: a refused connection ejects")
                .allSatisfy(gone -> assertThat(ejections.isEjected("127.0.0.1", gone.port())).as(gone.name()).isTrue());
    }

    /** Reads of files and writes of webhook endpoints, half each, 8 at a time; the count of each status. */
    private static Map<Integer, AtomicInteger> send(WebClient http, String key, int requests) {
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Flux.range(0, requests)
                .flatMap(i -> {
                    var request = i % 2 == 0
                            ? http.get().uri("/api/v1/files/f-" + i)
                            : http.post().uri("/api/v1/webhooks/endpoints")
                                    .header("Content-Type", "application/json")
                                    .bodyValue("{\"url\":\"https://example.com/hook-" + i + "\"}");
                    return request.header("Authorization", "Bearer " + key)
                            .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                            .onErrorResume(e -> reactor.core.publisher.Mono.just(-1))
                            .doOnNext(status -> statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet());
                }, 8)
                .blockLast(Duration.ofSeconds(120));
        return statuses;
    }
}
