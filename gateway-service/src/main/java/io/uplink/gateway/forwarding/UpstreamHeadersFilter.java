package io.uplink.gateway.forwarding;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.propagation.Propagator;
import io.uplink.gateway.FilterOrder;
import io.uplink.gateway.requestid.RequestIdFilter;
import io.uplink.gateway.trace.ServerSpan;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the gateway changes in the headers it relays, in one pass and at most one copy per request: hop-by-hop
 * headers (RFC 9110 §7.6.1, and any the {@code Connection} header names) never cross it in either direction;
 * a client's {@code Forwarded} and {@code X-Forwarded-*} headers are dropped (no proxy in front of the gateway is
 * trusted, so upstreams must not believe a client's claimed address); and the upstream request carries the W3C
 * trace context of the gateway's own server span, so the upstream's spans join the caller's trace, and the
 * request's {@code X-Request-Id}.
 *
 * <p>Replaces Spring Cloud Gateway's hop-by-hop, forwarded and x-forwarded header filters and its client-side
 * observation (each copied every header of every request; see {@link SingleCopyHeaderFilters}).
 */
public final class UpstreamHeadersFilter implements HttpHeadersFilter, Ordered {

    private static final Set<String> HOP_BY_HOP = caseInsensitive(List.of("connection", "keep-alive",
            "transfer-encoding", "te", "trailer", "proxy-authorization", "proxy-authenticate",
            "x-application-context", "upgrade"));
    private static final String FORWARDED = "Forwarded";
    private static final String X_FORWARDED_PREFIX = "x-forwarded-";

    private final Type direction;
    private final Propagator propagator;
    private final boolean dropForwarded;
    private final boolean dropXForwarded;
    private final Set<String> traceFields;

    /**
     * @param direction SCG asks every filter for both directions; this one filters only this one
     * @param propagator writes the trace context; {@link Propagator#NOOP} leaves the client's trace headers alone
     * @param dropForwarded remove {@code Forwarded} (false when trusted proxies are configured and SCG fills it)
     * @param dropXForwarded remove {@code X-Forwarded-*} (likewise)
     */
    public UpstreamHeadersFilter(Type direction, Propagator propagator, boolean dropForwarded, boolean dropXForwarded) {
        this.direction = direction;
        this.propagator = propagator;
        this.dropForwarded = dropForwarded;
        this.dropXForwarded = dropXForwarded;
        this.traceFields = caseInsensitive(propagator.fields());
    }

    @Override
    public int getOrder() {
        return FilterOrder.UPSTREAM_HEADERS;
    }

    @Override
    public boolean supports(Type type) {
        return type == direction;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        boolean request = direction == Type.REQUEST;
        Span span = request ? ServerSpan.of(exchange) : null;
        String requestId = request ? RequestIdFilter.of(exchange) : null;
        Set<String> connectionListed = connectionListed(input);
        if (span == null && requestId == null && !needsCopy(input, request, connectionListed)) {
            return input;
        }
        HttpHeaders output = new HttpHeaders();
        input.forEach((name, values) -> {
            if (!dropped(name, request, connectionListed) && (span == null || !traceFields.contains(name))) {
                output.put(name, values);
            }
        });
        if (span != null) {
            propagator.inject(span.context(), output, HttpHeaders::set);
        }
        if (requestId != null) {
            output.set(RequestIdFilter.HEADER, requestId);
        }
        return output;
    }

    private boolean needsCopy(HttpHeaders input, boolean request, Set<String> connectionListed) {
        boolean[] found = {false};
        input.forEach((name, values) -> found[0] |= dropped(name, request, connectionListed));
        return found[0];
    }

    private boolean dropped(String name, boolean request, Set<String> connectionListed) {
        if (HOP_BY_HOP.contains(name) || !connectionListed.isEmpty() && connectionListed.contains(name)) {
            return true;
        }
        return request && (dropForwarded && name.equalsIgnoreCase(FORWARDED) || dropXForwarded
                && name.regionMatches(true, 0, X_FORWARDED_PREFIX, 0, X_FORWARDED_PREFIX.length()));
    }

    private static Set<String> connectionListed(HttpHeaders headers) {
        List<String> connection = headers.getConnection();
        return connection.isEmpty() ? Set.of() : caseInsensitive(connection);
    }

    private static Set<String> caseInsensitive(List<String> names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.forEach(name -> set.add(name.trim()));
        return set;
    }
}
