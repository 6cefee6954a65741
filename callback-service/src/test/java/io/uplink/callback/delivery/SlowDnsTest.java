package io.uplink.callback.delivery;

import io.uplink.callback.ApiClient;
import io.uplink.callback.CallbackServiceTest;
import io.uplink.callback.TestEndpoints;
import io.uplink.callback.delivery.WebhookReceiver.Reply;
import io.uplink.callback.ssrf.HostResolver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One tenant's endpoint name takes seconds to resolve; every other tenant's deliveries go on as if it did not.
 * Names under {@code .dns.test} resolve to 127.0.0.1 (where the receivers listen), at once unless made slow.
 */
@CallbackServiceTest
@Import(SlowDnsTest.Dns.class)
@TestPropertySource(properties = "uplink.callback.delivery.dns-timeout=500ms")
class SlowDnsTest {

    private static final String BASE = "/api/v1/webhooks/endpoints";
    private static final long SLOW_ANSWER_MILLIS = 15_000;

    static final class SlowDns implements HostResolver {

        private final Map<String, AtomicInteger> slowLookups = new ConcurrentHashMap<>();

        void slowDown(String host) {
            slowLookups.put(host, new AtomicInteger());
        }

        int slowLookups(String host) {
            return slowLookups.get(host).get();
        }

        @Override
        public List<InetAddress> resolve(String host) throws UnknownHostException {
            if (!host.endsWith(".dns.test")) {
                throw new UnknownHostException(host + " (not part of this test)");
            }
            AtomicInteger lookups = slowLookups.get(host);
            if (lookups != null) {
                lookups.incrementAndGet();
                try {
                    Thread.sleep(SLOW_ANSWER_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return List.of(InetAddress.getByName("127.0.0.1"));
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Dns {
        @Bean
        @Primary
        SlowDns slowDns() {
            return new SlowDns();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SlowDns dns;

    @Test
    void aNameThatResolvesSlowlyDoesNotDelayDeliveriesToOtherNames() throws Exception {
        String slowTenant = TestEndpoints.uniqueTenant("slow-dns");
        String fastTenant = TestEndpoints.uniqueTenant("fast-dns");
        try (WebhookReceiver slowReceiver = new WebhookReceiver("127.0.0.1", n -> Reply.status(200));
             WebhookReceiver fastReceiver = new WebhookReceiver("127.0.0.1", n -> Reply.status(200))) {
            String slowHost = "slow-" + UUID.randomUUID() + ".dns.test";
            String slowId = createEndpoint(slowTenant, "http://" + slowHost + ":" + portOf(slowReceiver) + "/in");
            String fastId = createEndpoint(fastTenant, "http://fast-" + UUID.randomUUID() + ".dns.test:" + portOf(fastReceiver) + "/in");
            dns.slowDown(slowHost); // registration resolved it at once; every delivery now waits on it
            for (int i = 0; i < 16; i++) {
                sendTestEvent(slowTenant, slowId);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> dns.slowLookups(slowHost) >= 1);

            Instant start = Instant.now();
            List<UUID> fast = List.of(sendTestEvent(fastTenant, fastId), sendTestEvent(fastTenant, fastId),
                    sendTestEvent(fastTenant, fastId), sendTestEvent(fastTenant, fastId));

            await().atMost(Duration.ofSeconds(10)).until(() -> fast.stream().allMatch(id -> status(id).equals("succeeded")));
            assertThat(Duration.between(start, Instant.now())).as("not held behind the slow name")
                    .isLessThan(Duration.ofSeconds(3));
            assertThat(fastReceiver.received()).hasSize(4);
            assertThat(slowReceiver.received()).isEmpty();
        }
    }

    @Test
    void anAttemptWhoseNameDoesNotResolveInTimeFailsWithTheReasonAndIsRetried() throws Exception {
        String tenant = TestEndpoints.uniqueTenant("dns-timeout");
        String host = "timeout-" + UUID.randomUUID() + ".dns.test";
        String endpointId = createEndpoint(tenant, "http://" + host + ":9/in");
        dns.slowDown(host);

        UUID deliveryId = sendTestEvent(tenant, endpointId);

        await().atMost(Duration.ofSeconds(20)).until(() -> status(deliveryId).equals("failed"));
        List<String> errors = jdbc.sql("select error from attempts where delivery_id = ? order by attempt_number")
                .param(deliveryId).query(String.class).list();
        assertThat(errors).hasSize(3).allSatisfy(error -> assertThat(error).contains("no DNS answer within 500 ms"));
        assertThat(dns.slowLookups(host)).as("the attempts waited on one shared lookup, not one thread each")
                .isLessThanOrEqualTo(2);
    }

    private static int portOf(WebhookReceiver receiver) {
        return URI.create(receiver.url("/")).getPort();
    }

    private String createEndpoint(String tenant, String url) {
        ApiClient.Response created = new ApiClient(port, tenant).post(BASE, Map.of("url", url));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return (String) created.json().get("id");
    }

    private UUID sendTestEvent(String tenant, String endpointId) {
        ApiClient.Response sent = new ApiClient(port, tenant).post(BASE + "/" + endpointId + "/test", null);
        assertThat(sent.status()).isEqualTo(202);
        return UUID.fromString((String) sent.json().get("deliveryId"));
    }

    private String status(UUID deliveryId) {
        return jdbc.sql("select status from deliveries where id = ?").param(deliveryId).query(String.class).single();
    }
}
