package io.uplink.gateway.auth;

import io.uplink.gateway.support.FakeKeyRegistry;
import io.uplink.gateway.support.GatewayIntegrationTest;
import io.uplink.gateway.support.SharedUpstreams;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.UplinkInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.UUID;

import static io.uplink.gateway.support.SharedUpstreams.CREDENTIAL_A;
import static io.uplink.gateway.support.SharedUpstreams.CREDENTIAL_B;
import static io.uplink.gateway.support.SharedUpstreams.KEYS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three failed authentications per hour per client. Clients are told apart by the address they connect from
 * (every 127.x.y.z is this machine's loopback); 127.0.0.9 plays a trusted proxy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UplinkInfrastructure(Infra.REDIS)
class AuthenticationFailureLimitTest {

    private static final String TRUSTED_PROXY = "127.0.0.9";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("uplink.gateway.upstreams.credential-instances", () -> CREDENTIAL_A.baseUrl() + "," + CREDENTIAL_B.baseUrl());
        GatewayIntegrationTest.standardProperties(registry);
        registry.add("uplink.gateway.auth.failure-limit.failures", () -> "3");
        // a key once verified stays cached for the whole test, however slowly a loaded machine runs it
        registry.add("uplink.gateway.auth.key-cache-ttl", () -> "30s");
        registry.add("uplink.gateway.auth.key-cache-max-age", () -> "60s");
        registry.add("uplink.gateway.auth.failure-limit.window", () -> "1h");
        registry.add("uplink.gateway.auth.failure-limit.trusted-proxies", () -> TRUSTED_PROXY + "/32");
    }

    @AfterEach
    void resetUpstreams() {
        SharedUpstreams.reset();
    }

    private WebTestClient from(String localAddress) {
        HttpClient http = HttpClient.create().bindAddress(() -> new InetSocketAddress(localAddress, 0));
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
                .baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    private static int status(WebTestClient client, String key, String forwardedFor) {
        var request = client.get().uri("/api/v1/files/f-1").header("Authorization", "Bearer " + key);
        if (forwardedFor != null) {
            request = request.header("X-Forwarded-For", forwardedFor);
        }
        return request.exchange().returnResult(String.class).getStatus().value();
    }

    private static String unknownKey() {
        return FakeKeyRegistry.newKey("local");
    }

    @Test
    void aClientPastItsFailuresIsAnswered429WithRetryAfterAndCostsNoKeyLookup() {
        WebTestClient client = from("127.0.0.2");
        for (int i = 0; i < 3; i++) {
            assertThat(status(client, unknownKey(), null)).isEqualTo(401);
        }
        int lookupsBefore = KEYS.lookups();

        EntityExchangeResult<String> refused = client.get().uri("/api/v1/files/f-1")
                .header("Authorization", "Bearer " + unknownKey()).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult();

        long retryAfter = Long.parseLong(refused.getResponseHeaders().getFirst("Retry-After"));
        assertThat(retryAfter).as("a third of the hour-long window refills one failure").isBetween(1L, 1200L);
        assertThat(KEYS.lookups()).as("refused before any lookup").isEqualTo(lookupsBefore);
    }

    @Test
    void pastItsBudgetAClientStillUsesAKeyAlreadyVerifiedButNoKeyThatNeedsALookup() {
        WebTestClient client = from("127.0.0.3");
        String usedKey = KEYS.issueTenantKey("tenant-" + UUID.randomUUID());
        String unusedKey = KEYS.issueTenantKey("tenant-" + UUID.randomUUID());
        assertThat(status(client, usedKey, null)).as("successes take nothing from the budget").isEqualTo(200);
        assertThat(status(client, usedKey, null)).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(status(client, "upk_local_malformed", null)).isEqualTo(401);
        }

        // others behind the same address keep working with what costs nothing to verify
        assertThat(status(client, usedKey, null)).as("cached: no lookup needed").isEqualTo(200);
        assertThat(status(client, unusedKey, null)).as("needs a lookup").isEqualTo(429);
        assertThat(client.get().uri("/api/v1/files/f-1").exchange().returnResult(String.class).getStatus().value())
                .as("no credential: nothing to verify").isEqualTo(401);
    }

    @Test
    void oneClientsFailuresLeaveAnotherClientUntouched() {
        WebTestClient attacker = from("127.0.0.4");
        for (int i = 0; i < 5; i++) {
            status(attacker, unknownKey(), null);
        }
        String validKey = KEYS.issueTenantKey("tenant-" + UUID.randomUUID());

        assertThat(status(from("127.0.0.5"), validKey, null)).isEqualTo(200);
        assertThat(status(from("127.0.0.5"), unknownKey(), null)).isEqualTo(401);
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnoredSoAFreshClaimedAddressDoesNotEscapeTheLimit() {
        WebTestClient client = from("127.0.0.6");
        for (int i = 0; i < 3; i++) {
            assertThat(status(client, unknownKey(), "198.51.100." + i)).isEqualTo(401);
        }

        assertThat(status(client, unknownKey(), "198.51.100.99")).isEqualTo(429);
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnBudget() {
        WebTestClient proxy = from(TRUSTED_PROXY);
        for (int i = 0; i < 3; i++) {
            // the client claims an address of its own; the proxy appends the one it saw, which is what counts
            assertThat(status(proxy, unknownKey(), "10.9.9.9, 203.0.113.7")).isEqualTo(401);
        }

        assertThat(status(proxy, unknownKey(), "10.9.9.10, 203.0.113.7")).isEqualTo(429);
        assertThat(status(proxy, unknownKey(), "203.0.113.8")).as("another client behind the same proxy").isEqualTo(401);
    }
}
