package io.uplink.callback.delivery;

import io.uplink.callback.ApiClient;
import io.uplink.callback.CallbackServiceTest;
import io.uplink.callback.TestEndpoints;
import io.uplink.callback.delivery.WebhookReceiver.Reply;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DNS rebinding through the real path: an endpoint registered under a host name that resolves to a public address,
 * whose record then answers a forbidden one. Registration and the delivery client both resolve through the
 * service's HostResolver (scripted here), and the connect guard must refuse the new answer before connecting.
 */
@CallbackServiceTest
@Import(DnsRebindingTest.Dns.class)
class DnsRebindingTest {

    private static final String BASE = "/api/v1/webhooks/endpoints";
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    /** documentation address (RFC 5737): public-looking, only ever resolved to, never connected to */
    private static final String PUBLIC = "192.0.2.0";

    @TestConfiguration(proxyBeanMethods = false)
    static class Dns {
        @Bean
        @Primary
        ScriptedDns scriptedDns() {
            return new ScriptedDns();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ScriptedDns dns;

    @Test
    void refusesALoopbackAnswerAtConnectTime() throws Exception {
        // 127.0.0.2: loopback and not on the test allowlist (127.0.0.1/32); a receiver there proves nothing arrives
        try (WebhookReceiver inside = new WebhookReceiver("127.0.0.2", n -> Reply.status(200))) {
            assertRefusedAfterRebinding("loopback", InetAddress.getByName("127.0.0.2"), portOf(inside), inside,
                    "127.0.0.2", "loopback");
        }
    }

    @Test
    void refusesAnIpv4MappedLoopbackAnswerAtConnectTime() throws Exception {
        // ::ffff:127.0.0.1 as a resolver can hand it out (Inet6Address); the allowlist's 127.0.0.1/32 does not admit it
        try (WebhookReceiver inside = new WebhookReceiver("127.0.0.1", n -> Reply.status(200))) {
            assertRefusedAfterRebinding("mapped-loopback", mapped(127, 0, 0, 1), portOf(inside), inside,
                    "ffff:7f00:1", "IPv4-mapped 127.0.0.1: loopback");
        }
    }

    @Test
    void refusesAnIpv4MappedMetadataAnswerAtConnectTime() throws Exception {
        assertRefusedAfterRebinding("mapped-metadata", mapped(169, 254, 169, 254), 443, null,
                "ffff:a9fe:a9fe", "IPv4-mapped 169.254.169.254: link-local (cloud metadata)");
    }

    private void assertRefusedAfterRebinding(String label, InetAddress later, int targetPort, WebhookReceiver inside,
                                             String shownAddress, String reason) throws Exception {
        String tenant = TestEndpoints.uniqueTenant("rebind-" + label);
        String host = "hooks-" + UUID.randomUUID() + ".rebinding.test";
        dns.rebind(host, InetAddress.getByName(PUBLIC), later);

        ApiClient.Response created = api(tenant).post(BASE, Map.of("url", "http://" + host + ":" + targetPort + "/in"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String endpointId = (String) created.json().get("id");
        ApiClient.Response sent = api(tenant).post(BASE + "/" + endpointId + "/test", null);
        assertThat(sent.status()).isEqualTo(202);
        UUID deliveryId = UUID.fromString((String) sent.json().get("deliveryId"));

        await().atMost(PATIENCE).until(() -> status(deliveryId).equals("failed"));
        if (inside != null) {
            assertThat(inside.received()).isEmpty();
        }
        // registration saw the public answer; every attempt resolved the name again and got the forbidden one
        assertThat(dns.lookups(host)).isGreaterThanOrEqualTo(1 + 3);
        List<Map<String, Object>> attempts = jdbc.sql(
                        "select outcome, status_code, error from attempts where delivery_id = ? order by attempt_number")
                .param(deliveryId).query().listOfRows();
        assertThat(attempts).hasSize(3).allSatisfy(attempt -> {
            assertThat(attempt).containsEntry("outcome", "failed").containsEntry("status_code", null);
            assertThat((String) attempt.get("error")).contains("blocked", "refusing to connect", shownAddress, reason);
        });
    }

    private static int portOf(WebhookReceiver receiver) {
        return URI.create(receiver.url("/")).getPort();
    }

    /** Built as Inet6Address on purpose: InetAddress.getByAddress would turn it into IPv4. */
    private static InetAddress mapped(int a, int b, int c, int d) throws Exception {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        bytes[12] = (byte) a;
        bytes[13] = (byte) b;
        bytes[14] = (byte) c;
        bytes[15] = (byte) d;
        return Inet6Address.getByAddress(null, bytes, -1);
    }

    private String status(UUID deliveryId) {
        return jdbc.sql("select status from deliveries where id = ?").param(deliveryId).query(String.class).single();
    }

    private ApiClient api(String tenant) {
        return new ApiClient(port, tenant);
    }
}
