package io.uplink.gateway.edge;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.gateway.accesslog.AccessLogFilter;
import io.uplink.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.uplink.gateway.support.SharedUpstreams.CREDENTIAL_A;
import static io.uplink.gateway.support.SharedUpstreams.CREDENTIAL_B;
import static io.uplink.gateway.support.SharedUpstreams.KEYS;
import static org.assertj.core.api.Assertions.assertThat;

class BrowserAndObservabilityTest extends GatewayIntegrationTest {

    private static final String APP = "https://app.example.com";

    private final ListAppender<ILoggingEvent> accessLog = new ListAppender<>();

    @BeforeEach
    void captureAccessLog() {
        accessLog.start();
        ((Logger) LoggerFactory.getLogger(AccessLogFilter.LOGGER)).addAppender(accessLog);
    }

    @AfterEach
    void releaseAccessLog() {
        ((Logger) LoggerFactory.getLogger(AccessLogFilter.LOGGER)).detachAppender(accessLog);
    }

    private String browserTenantKey() {
        return KEYS.issueKey("tenant-" + UUID.randomUUID(), List.of(IdentityAssertion.ROLE_TENANT),
                Map.of("corsOrigins", List.of(APP)));
    }

    @Test
    void answersPreflightsForTheApi() {
        client.options().uri("/api/v1/uploads/presign")
                .header("Origin", APP)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .exchange()
                .expectStatus().isNoContent()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", APP)
                .expectHeader().valueEquals("Access-Control-Allow-Headers", "authorization, content-type");
    }

    @Test
    void letsBrowsersReadAnswersOnlyFromTheTenantsOrigins() {
        String key = browserTenantKey();
        client.get().uri("/api/v1/files/x").header("Authorization", "Bearer " + key).header("Origin", APP).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", APP)
                .expectHeader().valueMatches("Access-Control-Expose-Headers", ".*X-Request-Id.*");
        client.get().uri("/api/v1/files/x").header("Authorization", "Bearer " + key)
                .header("Origin", "https://evil.example").exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void refusesOversizeBodiesWith413() {
        byte[] big = new byte[1024 * 1024 + 1];
        tenantClient.post().uri("/api/v1/uploads/presign").contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(big)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        Flux<DataBuffer> chunked = Flux.range(0, 40)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[64 * 1024]));
        tenantClient.post().uri("/api/v1/uploads/presign").contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(chunked, DataBuffer.class)
                .exchange()
                .expectStatus().isEqualTo(413);

        tenantClient.post().uri("/api/v1/uploads/presign").bodyValue(Map.of("filename", "ok.png"))
                .exchange().expectStatus().isOk();
    }

    @Test
    @SuppressWarnings("unchecked")
    void writesOneJsonAccessLineWithTenantRouteStatusLatencyAndUpstream() {
        String requestId = "req-" + UUID.randomUUID();
        tenantClient.get().uri("/api/v1/uploads/u1").header("X-Request-Id", requestId).exchange().expectStatus().isOk();
        String unauthenticatedId = "req-" + UUID.randomUUID();
        client.get().uri("/api/v1/uploads/u1").header("X-Request-Id", unauthenticatedId).exchange()
                .expectStatus().isUnauthorized();

        JsonMapper json = JsonMapper.builder().build();
        Map<String, Object> line = json.readValue(single(requestId), Map.class);
        assertThat(line).containsEntry("tenant", tenantId).containsEntry("route", "credential")
                .containsEntry("status", 200).containsEntry("method", "GET");
        assertThat(((Number) line.get("latencyMs")).doubleValue()).isPositive();
        assertThat(List.of(CREDENTIAL_A.baseUrl(), CREDENTIAL_B.baseUrl())).contains("http://" + line.get("upstream"));

        Map<String, Object> refused = json.readValue(single(unauthenticatedId), Map.class);
        assertThat(refused).containsEntry("status", 401).containsEntry("tenant", null);
    }

    private String single(String requestId) {
        List<String> lines = accessLog.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(message -> message.contains(requestId)).toList();
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void propagatesW3cTraceContextUpstream() {
        Map<String, Object> echo = tenantClient.get().uri("/api/v1/files/x").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        Map<String, List<String>> headers = (Map<String, List<String>>) echo.get("headers");
        assertThat(headers.get("traceparent")).singleElement().asString().matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    @Test
    @SuppressWarnings("unchecked")
    void continuesTheCallersTraceUpstream() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Map<String, Object> echo = tenantClient.get().uri("/api/v1/uploads/traced")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        Map<String, List<String>> headers = (Map<String, List<String>>) echo.get("headers");
        // the same trace, with the gateway's span as the parent: never the caller's span id passed through
        assertThat(headers.get("traceparent")).singleElement().asString()
                .startsWith("00-" + traceId + "-").doesNotContain("00f067aa0ba902b7").endsWith("-01");
    }

    @Test
    @SuppressWarnings("unchecked")
    void dropsClientForwardedAndHopByHopHeaders() {
        Map<String, Object> echo = tenantClient.get().uri("/api/v1/uploads/forwarded")
                .header("X-Forwarded-For", "10.6.6.6")
                .header("X-Forwarded-Host", "evil.example.com")
                .header("Forwarded", "for=10.6.6.6;proto=https")
                .header("Connection", "x-private-hop")
                .header("X-Private-Hop", "must not travel")
                .header("Proxy-Authorization", "Basic c2VjcmV0")
                .header("X-Kept", "travels")
                .exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        Map<String, List<String>> headers = (Map<String, List<String>>) echo.get("headers");
        assertThat(headers).doesNotContainKeys("x-forwarded-for", "x-forwarded-host", "forwarded", "x-private-hop",
                "proxy-authorization");
        assertThat(headers.get("x-kept")).containsExactly("travels");
    }
}
