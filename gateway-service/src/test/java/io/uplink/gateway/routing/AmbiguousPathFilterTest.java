package io.uplink.gateway.routing;

import io.uplink.gateway.problem.GatewayProblemException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Paths a servlet container would read differently from the route that matched them never leave the gateway. */
class AmbiguousPathFilterTest {

    private final AmbiguousPathFilter filter = new AmbiguousPathFilter();

    private boolean passes(String path) {
        AtomicBoolean passed = new AtomicBoolean();
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.GET, URI.create(path)));
        filter.filter(exchange, forwarded -> {
            passed.set(true);
            return Mono.empty();
        }).block();
        return passed.get();
    }

    @Test
    void overlongAndInvalidUtf8AndNulAreRefused() {
        for (String path : List.of("/api/v1/files/%c0%ae%c0%ae/tenants", "/api/v1/files/%e0%80%ae%e0%80%ae/tenants",
                "/%c1%a1pi/v1/tenants", "/api/v1/files/%ff", "/api/v1/tenants%00", "/api/v1/files%00/x")) {
            assertThatThrownBy(() -> passes(path)).as(path).isInstanceOf(GatewayProblemException.class)
                    .hasMessageContaining("not UTF-8");
        }
    }

    @Test
    void dotSegmentsAndEncodedSlashesStayRefused() {
        for (String path : List.of("/api/v1/files/../tenants", "/api/v1/files/%2e%2e/tenants", "/api/v1/files/..%2Ftenants",
                "/api/v1/files/%5C..%5Ctenants")) {
            assertThatThrownBy(() -> passes(path)).as(path).isInstanceOf(GatewayProblemException.class);
        }
    }

    @Test
    void plainAndUtf8PathsPass() {
        assertThat(passes("/api/v1/files/f_1")).isTrue();
        assertThat(passes("/api/v1/files/%C3%A9t%C3%A9")).isTrue();
        assertThat(passes("/api/v1/uploads/0f0e/parts")).isTrue();
    }
}
