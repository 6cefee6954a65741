package io.uplink.gateway.routing;

import io.uplink.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.uplink.gateway.support.SharedUpstreams.METADATA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every filter and the route must read the same path: one that decodes to something else than it reads is refused
 * before the body limit, the CORS preflight and authentication look at it, and never reaches a service.
 */
class AmbiguousPathTest extends GatewayIntegrationTest {

    @Test
    void pathsThatReadOneWayRawAndAnotherDecodedAreRefusedBeforeAnyUpstreamSeesThem() {
        int before = METADATA.requestCount();
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (String path : List.of("/%61pi/v1/files", "/api/v1/%66iles", "/api;x/v1/files", "/api/v1/files;jsessionid=1",
                "//api/v1/files", "/api//v1/files", "/api/v1/files/%2e%2e/tenants", "/api/v1/files/..%2Ftenants",
                "/api/v1/files/%7Eadmin")) {
            answers.put(path, tenantClient.get().uri(URI.create("http://127.0.0.1:" + port + path)).exchange()
                    .returnResult(String.class).getStatus().value());
        }
        assertThat(answers).allSatisfy((path, status) -> assertThat(status).as(path).isEqualTo(400));
        assertThat(METADATA.requestCount()).isEqualTo(before);
    }

    @Test
    void ordinaryPathsAndEncodedCharactersThatNeedEncodingStillPass() {
        tenantClient.get().uri(URI.create("http://127.0.0.1:" + port + "/api/v1/files")).exchange()
                .expectStatus().isOk();
        tenantClient.get().uri(URI.create("http://127.0.0.1:" + port + "/api/v1/files/report%20final.pdf")).exchange()
                .expectStatus().isOk();
    }
}
