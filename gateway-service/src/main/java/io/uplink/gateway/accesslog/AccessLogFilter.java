package io.uplink.gateway.accesslog;

import io.micrometer.tracing.Span;
import io.uplink.gateway.FilterOrder;
import io.uplink.gateway.identity.Caller;
import io.uplink.gateway.requestid.RequestIdFilter;
import io.uplink.gateway.trace.ServerSpan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.URI;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

/** One JSON line per API request on logger {@code uplink.access}: who, which route, which instance, outcome, time. */
@Component
public class AccessLogFilter implements WebFilter, Ordered {

    public static final String LOGGER = "uplink.access";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    @Override
    public int getOrder() {
        return FilterOrder.ACCESS_LOG;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        long started = System.nanoTime();
        // at commit, not at the end of the filter chain: errors are rendered after the chain has finished
        exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> {
            if (log.isInfoEnabled()) {
                Span span = ServerSpan.of(exchange);
                if (span == null) {
                    log.info(line(exchange, started));
                    return;
                }
                // the line is written outside the request's reactive context: its trace ids are put in by hand
                try (MDC.MDCCloseable trace = MDC.putCloseable("traceId", span.context().traceId());
                     MDC.MDCCloseable spanId = MDC.putCloseable("spanId", span.context().spanId())) {
                    log.info(line(exchange, started));
                }
            }
        }));
        return chain.filter(exchange);
    }

    /*
     * Written by hand, not by an ObjectMapper over a map: one line per request is the gateway's busiest
     * serialisation, and the fields are few, flat and fixed.
     */
    static String line(ServerWebExchange exchange, long started) {
        Caller caller = Caller.of(exchange);
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        URI upstream = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        StringBuilder line = new StringBuilder(256).append("{\"type\":\"access\"");
        JsonLine.field(line, "requestId", RequestIdFilter.of(exchange));
        JsonLine.field(line, "method", exchange.getRequest().getMethod().name());
        JsonLine.field(line, "path", exchange.getRequest().getPath().value());
        JsonLine.number(line, "status", status == null ? null : status.value());
        JsonLine.number(line, "latencyMs", (System.nanoTime() - started) / 1_000_000.0);
        JsonLine.field(line, "tenant", caller == null ? null : caller.tenantId());
        JsonLine.field(line, "subject", caller == null ? null : caller.subject());
        JsonLine.field(line, "route", route == null ? null : route.getId());
        JsonLine.field(line, "upstream", upstream == null || upstream.getHost() == null ? null
                : upstream.getHost() + ":" + upstream.getPort());
        return line.append('}').toString();
    }
}
