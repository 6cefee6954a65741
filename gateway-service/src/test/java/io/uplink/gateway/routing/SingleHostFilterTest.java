package io.uplink.gateway.routing;

import io.uplink.gateway.problem.GatewayProblemException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One Host header per request, or none of the gateway's attention. */
class SingleHostFilterTest {

    private final SingleHostFilter filter = new SingleHostFilter();

    private boolean passes(MockServerHttpRequest.BaseBuilder<?> request) {
        AtomicBoolean passed = new AtomicBoolean();
        filter.filter(MockServerWebExchange.from(request), forwarded -> {
            passed.set(true);
            return Mono.empty();
        }).block();
        return passed.get();
    }

    @Test
    void twoHostHeadersAreRefused() {
        assertThatThrownBy(() -> passes(MockServerHttpRequest.get("/api/v1/files")
                .header("Host", "uplink.example.com", "internal.example")))
                .isInstanceOf(GatewayProblemException.class).hasMessageContaining("one Host header");
    }

    @Test
    void oneHostHeaderPasses() {
        assertThat(passes(MockServerHttpRequest.get("/api/v1/files").header("Host", "uplink.example.com"))).isTrue();
    }
}
