package io.uplink.gateway.loadbalancing;

import io.uplink.gateway.FilterOrder;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.ConnectException;
import java.net.URI;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

/**
 * What each proxied request tells about the instance the load balancer chose (runs right after it chose): a
 * refused connection ejects the instance at once; an answer, whatever its status, shows that it is alive.
 */
@Component
class InstanceOutcomeFilter implements GlobalFilter, Ordered {

    private final InstanceEjections ejections;
    private final InstanceHealth health;

    InstanceOutcomeFilter(InstanceEjections ejections, InstanceHealth health) {
        this.ejections = ejections;
        this.health = health;
    }

    @Override
    public int getOrder() {
        return FilterOrder.INSTANCE_OUTCOME;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange)
                .doOnSuccess(done -> {
                    URI target = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
                    if (target != null && exchange.getResponse().getStatusCode() != null) {
                        health.answered(target.getHost(), target.getPort());
                    }
                })
                .doOnError(error -> {
                    URI target = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
                    if (target != null && isConnectFailure(error)) {
                        ejections.eject(target.getHost(), target.getPort());
                    }
                });
    }

    private static boolean isConnectFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
