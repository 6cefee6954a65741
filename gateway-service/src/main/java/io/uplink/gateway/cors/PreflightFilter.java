package io.uplink.gateway.cors;

import io.uplink.gateway.FilterOrder;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers CORS preflights for the API itself. Browsers send preflights without credentials, so the tenant is
 * unknown here: the preflight only says which methods and headers the API takes, and the tenant's origin list is
 * enforced on the actual request ({@link TenantCorsFilter}), whose answer a browser cannot read without it.
 */
@Component
public class PreflightFilter implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        return FilterOrder.PREFLIGHT;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!CorsUtils.isPreFlightRequest(exchange.getRequest())
                || !exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        HttpHeaders request = exchange.getRequest().getHeaders();
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, request.getOrigin());
        headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, PUT, PATCH, DELETE");
        String requestedHeaders = request.getFirst(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
        if (requestedHeaders != null) {
            headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, requestedHeaders);
        }
        headers.set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
        headers.add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        response.setStatusCode(HttpStatus.NO_CONTENT);
        return response.setComplete();
    }
}
