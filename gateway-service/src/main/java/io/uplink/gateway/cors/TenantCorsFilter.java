package io.uplink.gateway.cors;

import io.uplink.gateway.FilterOrder;
import io.uplink.contracts.identity.UploadToken;
import io.uplink.gateway.identity.Caller;
import io.uplink.gateway.problem.GatewayProblemException;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * CORS for actual (non-preflight) requests, decided per tenant: a browser may read the answer only when its
 * origin is among the tenant's {@code corsOrigins} and, for an upload token that names origins, among the token's
 * too; other origins are refused with 403.
 */
@Component
public class TenantCorsFilter implements GlobalFilter, Ordered {

    static final String EXPOSED_HEADERS = "X-Request-Id, X-RateLimit-Remaining, Retry-After, ETag, Location";

    @Override
    public int getOrder() {
        return FilterOrder.TENANT_CORS;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String origin = exchange.getRequest().getHeaders().getOrigin();
        Caller caller = Caller.of(exchange);
        if (origin == null || caller == null) {
            return chain.filter(exchange);
        }
        boolean allowed = caller.settings() != null && AllowedOrigins.allows(caller.settings().corsOrigins(), origin);
        if (!allowed) {
            return Mono.error(new GatewayProblemException(HttpStatus.FORBIDDEN, "Forbidden",
                    "origin " + origin + " is not among this tenant's allowed origins"));
        }
        UploadToken token = caller.uploadToken();
        if (token != null && !token.origins().isEmpty() && !AllowedOrigins.allows(token.origins(), origin)) {
            return Mono.error(new GatewayProblemException(HttpStatus.FORBIDDEN, "Forbidden",
                    "origin " + origin + " is not among this upload token's origins"));
        }
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        headers.add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        return chain.filter(exchange);
    }
}
