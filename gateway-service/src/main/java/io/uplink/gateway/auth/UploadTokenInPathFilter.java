package io.uplink.gateway.auth;

import io.uplink.gateway.FilterOrder;
import io.uplink.contracts.identity.UploadToken;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Uppy's Companion mode sends no headers of the page's choosing, only requests under its {@code endpoint}. So an
 * upload token may stand in the path: {@code /api/v1/t/{upt_…}/s3/…} is served as {@code /api/v1/s3/…} with the
 * token as the bearer credential. Runs before everything else, access log and metrics included, so the token is
 * never written anywhere the rewritten path is.
 */
@Component
public class UploadTokenInPathFilter implements WebFilter, Ordered {

    static final String PREFIX = "/api/v1/t/";
    private static final String UPLOAD_ROUTES = "/s3/";

    @Override
    public int getOrder() {
        return FilterOrder.UPLOAD_TOKEN_IN_PATH;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (!path.startsWith(PREFIX)) {
            return chain.filter(exchange);
        }
        int end = path.indexOf('/', PREFIX.length());
        String token = end < 0 ? "" : path.substring(PREFIX.length(), end);
        String rest = end < 0 ? "" : path.substring(end);
        if (!token.startsWith(UploadToken.PREFIX) || !rest.startsWith(UPLOAD_ROUTES)) {
            // not a token path: no route matches it, and the token (if any) never reaches a log
            return chain.filter(exchange.mutate().request(request -> request.path("/api/v1/t/-/invalid")).build());
        }
        ServerWebExchange rewritten = exchange.mutate().request(request -> request
                .path("/api/v1" + rest)
                .headers(headers -> headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token))).build();
        // the server observation started before any filter, with the original request: its span's URL must not
        // carry the token either
        ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .ifPresent(context -> context.setCarrier(rewritten.getRequest()));
        return chain.filter(rewritten);
    }
}
