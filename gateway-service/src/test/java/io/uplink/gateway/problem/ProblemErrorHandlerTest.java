package io.uplink.gateway.problem;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemErrorHandlerTest {

    private final ProblemErrorHandler handler = new ProblemErrorHandler(JsonMapper.builder().build());

    @Test
    void anUpstreamThatResetsTheConnectionMidRequestIsABadGatewayTheClientMayRetry() {
        MockServerWebExchange exchange = exchange();

        handler.handle(exchange, new IllegalStateException("relay failed", new IOException("Connection reset by peer"))).block();

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(502);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(ProblemErrorHandler.PROBLEM_JSON);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"status\":502")
                .contains("closed the connection before answering");
    }

    @Test
    void anUnreachableUpstreamIsServiceUnavailableAndASlowOneAGatewayTimeout() {
        MockServerWebExchange refused = exchange();
        handler.handle(refused, new ConnectException("Connection refused")).block();
        MockServerWebExchange slow = exchange();
        handler.handle(slow, new TimeoutException("5 s")).block();

        assertThat(refused.getResponse().getStatusCode().value()).isEqualTo(503);
        assertThat(slow.getResponse().getStatusCode().value()).isEqualTo(504);
    }

    @Test
    void aBugInTheGatewayItselfStaysAnInternalError() {
        MockServerWebExchange exchange = exchange();

        handler.handle(exchange, new NullPointerException()).block();

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(500);
    }

    private static MockServerWebExchange exchange() {
        return MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/uploads").build());
    }
}
