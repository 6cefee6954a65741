package io.uplink.gateway.routing;

import io.uplink.gateway.problem.GatewayProblemException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses paths with dot segments ({@code ..}, {@code .}, also percent-encoded or with {@code ;} parameters) and
 * encoded or back slashes, with 400. Routes match the path as sent and proxy it unchanged, while the services'
 * servlet container normalises it: {@code /api/v1/files/../../actuator/env} would match the files route and reach
 * the upstream's {@code /actuator/env}. Percent-encoded bytes that are not UTF-8 (overlong forms such as
 * {@code %c0%ae} among them) and NUL are refused too: the services' container would answer them with its own error
 * page, and no route's path holds them.
 */
@Component
public class AmbiguousPathFilter implements WebFilter, Ordered {

    /** What decoding puts where percent-encoded bytes are not UTF-8. */
    private static final char REPLACEMENT = '\uFFFD';

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        for (PathContainer.Element element : exchange.getRequest().getPath().elements()) {
            if (element instanceof PathContainer.PathSegment segment && isAmbiguous(segment)) {
                return Mono.error(new GatewayProblemException(HttpStatus.BAD_REQUEST, "Bad Request",
                        "paths with dot segments, encoded slashes, NUL or bytes that are not UTF-8 are not accepted"));
            }
        }
        return chain.filter(exchange);
    }

    private static boolean isAmbiguous(PathContainer.PathSegment segment) {
        String decoded = segment.valueToMatch();
        String raw = segment.value();
        return decoded.equals(".") || decoded.equals("..")
                || decoded.indexOf('/') >= 0 || decoded.indexOf('\\') >= 0 || raw.indexOf('\\') >= 0
                || decoded.indexOf('\0') >= 0 || decoded.indexOf(REPLACEMENT) >= 0 && raw.indexOf(REPLACEMENT) < 0;
    }
}
