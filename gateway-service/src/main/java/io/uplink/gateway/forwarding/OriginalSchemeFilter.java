package io.uplink.gateway.forwarding;

import io.uplink.gateway.FilterOrder;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Tells an upstream that renders pages (the console) whether the browser came over TLS, so it marks its session
 * cookie Secure. A header of its own, set here after the edge removed every client-sent {@code X-Uplink-*} header
 * and untouched by the removal of {@code X-Forwarded-*}, so a client cannot forge it.
 */
public final class OriginalSchemeFilter implements GatewayFilter, Ordered {

    public static final String HEADER = "X-Uplink-Forwarded-Proto";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String scheme = exchange.getRequest().getSslInfo() != null ? "https" : exchange.getRequest().getURI().getScheme();
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(HEADER, "https".equals(scheme) ? "https" : "http")))
                .build());
    }

    @Override
    public int getOrder() {
        return FilterOrder.ORIGINAL_SCHEME;
    }
}
