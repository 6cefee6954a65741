package io.uplink.gateway.accesslog;

import io.uplink.gateway.auth.Caller;
import io.uplink.gateway.requestid.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

/** One JSON line per API request on logger {@code uplink.access}: who, which route, which instance, outcome, time. */
@Component
public class AccessLogFilter implements WebFilter, Ordered {

    public static final String LOGGER = "uplink.access";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private final JsonMapper json;

    public AccessLogFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
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
                log.info(json.writeValueAsString(line(exchange, started)));
            }
        }));
        return chain.filter(exchange);
    }

    private static Map<String, Object> line(ServerWebExchange exchange, long started) {
        Caller caller = Caller.of(exchange);
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        URI upstream = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "access");
        line.put("requestId", RequestIdFilter.of(exchange));
        line.put("method", exchange.getRequest().getMethod().name());
        line.put("path", exchange.getRequest().getPath().value());
        line.put("status", status == null ? null : status.value());
        line.put("latencyMs", (System.nanoTime() - started) / 1_000_000.0);
        line.put("tenant", caller == null ? null : caller.tenantId());
        line.put("subject", caller == null ? null : caller.subject());
        line.put("route", route == null ? null : route.getId());
        line.put("upstream", upstream == null || upstream.getHost() == null ? null : upstream.getHost() + ":" + upstream.getPort());
        return line;
    }
}
