package io.uplink.gateway.routing;

import io.uplink.gateway.FilterOrder;
import io.uplink.gateway.problem.GatewayProblemException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a request with more than one {@code Host} header with 400, as RFC 9112 (section 3.2) requires: which host
 * was meant would be a guess, and a proxy and the gateway could guess differently.
 */
@Component
public class SingleHostFilter implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        return FilterOrder.SINGLE_HOST;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.HOST).size() > 1) {
            return Mono.error(new GatewayProblemException(HttpStatus.BAD_REQUEST, "Bad Request",
                    "a request has one Host header"));
        }
        return chain.filter(exchange);
    }
}
