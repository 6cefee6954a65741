package io.uplink.gateway.routing;

import io.uplink.gateway.FilterOrder;
import io.uplink.gateway.problem.GatewayProblemException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.HexFormat;

/**
 * Refuses, with 400, every path whose segments read differently raw and decoded, since routes match the decoded path
 * while other filters (body limit, access log, CORS) and the upstream's servlet container see it otherwise: dot
 * segments ({@code ..}, {@code .}, also percent-encoded), encoded or back slashes, {@code ;} parameters
 * ({@code /api;x/…}), percent-encoded letters, digits and {@code -._~} ({@code /%61pi/…}), and empty segments
 * ({@code //}). {@code /api/v1/files/../../actuator/env} would otherwise match the files route and reach the
 * upstream's {@code /actuator/env}. Percent-encoded bytes that are not UTF-8 (overlong forms such as {@code %c0%ae}
 * among them) and NUL are refused too: the services' container would answer them with its own error page, and no
 * route's path holds them.
 */
@Component
public class AmbiguousPathFilter implements WebFilter, Ordered {

    /** What decoding puts where percent-encoded bytes are not UTF-8. */
    private static final char REPLACEMENT = '\uFFFD';

    @Override
    public int getOrder() {
        return FilterOrder.AMBIGUOUS_PATH;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getPath().value().contains("//")) {
            return Mono.error(ambiguous());
        }
        for (PathContainer.Element element : exchange.getRequest().getPath().elements()) {
            if (element instanceof PathContainer.PathSegment segment && isAmbiguous(segment)) {
                return Mono.error(ambiguous());
            }
        }
        return chain.filter(exchange);
    }

    private static GatewayProblemException ambiguous() {
        return new GatewayProblemException(HttpStatus.BAD_REQUEST, "Bad Request", "paths with dot segments, empty"
                + " segments, ';' parameters, encoded slashes, needlessly encoded characters, NUL or bytes that are"
                + " not UTF-8 are not accepted");
    }

    private static boolean isAmbiguous(PathContainer.PathSegment segment) {
        String decoded = segment.valueToMatch();
        String raw = segment.value();
        return decoded.isEmpty() || decoded.equals(".") || decoded.equals("..")
                || decoded.indexOf('/') >= 0 || decoded.indexOf('\\') >= 0 || raw.indexOf('\\') >= 0
                || raw.indexOf(';') >= 0 || encodesAnUnreservedCharacter(raw)
                || decoded.indexOf('\0') >= 0 || decoded.indexOf(REPLACEMENT) >= 0 && raw.indexOf(REPLACEMENT) < 0;
    }

    /** {@code %61} for {@code a}: a spelling no client needs, and one that other readers of the path decode otherwise. */
    private static boolean encodesAnUnreservedCharacter(String raw) {
        for (int i = raw.indexOf('%'); i >= 0 && i + 2 < raw.length(); i = raw.indexOf('%', i + 1)) {
            if (!HexFormat.isHexDigit(raw.charAt(i + 1)) || !HexFormat.isHexDigit(raw.charAt(i + 2))) {
                continue;
            }
            int value = HexFormat.fromHexDigits(raw, i + 1, i + 3);
            if (Character.isLetterOrDigit(value) && value < 128 || value == '-' || value == '.' || value == '_' || value == '~') {
                return true;
            }
        }
        return false;
    }
}
