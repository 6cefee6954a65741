package io.uplink.gateway.shutdown;

import io.uplink.gateway.FilterOrder;
import io.uplink.service.shutdown.ShutdownDrain;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * While the gateway drains, every answer tells the client to close its connection, and the server closes it after the
 * answer: set just before the answer is sent, so no proxied header replaces it.
 */
@Component
public class ConnectionCloseWhileDraining implements WebFilter, Ordered {

    private final ShutdownDrain drain;

    public ConnectionCloseWhileDraining(ShutdownDrain drain) {
        this.drain = drain;
    }

    @Override
    public int getOrder() {
        return FilterOrder.CONNECTION_CLOSE_WHILE_DRAINING;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            if (drain.isDraining()) {
                exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
