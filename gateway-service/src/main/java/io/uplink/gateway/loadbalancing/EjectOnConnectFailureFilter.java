package io.uplink.gateway.loadbalancing;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.ConnectException;
import java.net.URI;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

/** Ejects the chosen instance the moment it refuses a connection (runs right after the load balancer chose it). */
@Component
class EjectOnConnectFailureFilter implements GlobalFilter, Ordered {

    private final InstanceEjections ejections;

    EjectOnConnectFailureFilter(InstanceEjections ejections) {
        this.ejections = ejections;
    }

    @Override
    public int getOrder() {
        return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).doOnError(error -> {
            if (isConnectFailure(error)) {
                URI target = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
                if (target != null) {
                    ejections.eject(target.getHost(), target.getPort());
                }
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
