package io.uplink.gateway.tenant;

import io.uplink.gateway.support.EchoUpstream;
import io.uplink.gateway.support.GatewayIntegrationTest;
import io.uplink.gateway.support.SharedUpstreams;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.UplinkInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import io.uplink.gateway.routing.Upstream;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A lookup that gets no answer is tried once more on the next instance, and no more than that. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UplinkInfrastructure(Infra.REDIS)
class MetadataLookupTriesTest {

    private static final EchoUpstream SLOW_1 = EchoUpstream.start("slow-metadata-1");
    private static final EchoUpstream SLOW_2 = EchoUpstream.start("slow-metadata-2");

    @Autowired
    MetadataClient metadata;

    @Autowired
    LoadBalancerClientFactory loadBalancers;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("uplink.gateway.upstreams.credential-instances", SharedUpstreams.CREDENTIAL_A::baseUrl);
        GatewayIntegrationTest.standardProperties(registry);
        registry.add("uplink.gateway.upstreams.metadata-instances", () -> SLOW_1.baseUrl() + "," + SLOW_2.baseUrl());
        registry.add("uplink.gateway.upstreams.lookup-timeout", () -> "500ms");
    }

    @AfterAll
    static void stop() {
        SLOW_1.close();
        SLOW_2.close();
    }

    @Test
    void aLookupNoInstanceAnswersInTimeIsTriedTwiceInAll() throws Exception {
        awaitInRotation(SLOW_1, SLOW_2); // the load balancer's context is made on first use, which takes a while
        SLOW_1.delay(3_000);
        SLOW_2.delay(3_000);

        assertThatThrownBy(() -> metadata.get("/api/v1/api-keys/lookup", Map.class).block(Duration.ofSeconds(30)))
                .as("the lookup fails once both tries went unanswered");

        assertThat(SLOW_1.requestCount() + SLOW_2.requestCount()).as("tries made").isEqualTo(2);
        assertThat(SLOW_1.requestCount()).as("one on each instance").isEqualTo(1);
    }

    private void awaitInRotation(EchoUpstream... instances) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (loadBalancers.getInstance(Upstream.METADATA.serviceId(), ServiceInstanceListSupplier.class)
                .get().blockFirst(Duration.ofSeconds(5)).size() < instances.length) {
            assertThat(System.nanoTime() - deadline).as("metadata instances in rotation").isNegative();
            Thread.sleep(50);
        }
    }
}
