package io.uplink.gateway.ratelimit;

import io.uplink.gateway.FilterOrder;
import io.uplink.gateway.identity.Caller;
import io.uplink.gateway.problem.GatewayProblemException;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/** Takes one token from the caller's bucket per request; an empty bucket answers 429 with when to come back. */
@Component
public class RateLimitFilter implements GlobalFilter, Ordered {

    public static final String REMAINING = "X-RateLimit-Remaining";
    public static final String LIMIT = "X-RateLimit-Limit";

    private final TenantRateLimiter limiter;

    public RateLimitFilter(TenantRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public int getOrder() {
        return FilterOrder.RATE_LIMIT;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Caller caller = Caller.of(exchange);
        if (caller == null) {
            return chain.filter(exchange);
        }
        // most requests are decided from reserved tokens, on this thread; only a reservation waits for Redis
        Decision local = limiter.decideLocally(caller);
        if (local != null) {
            return apply(local, caller, exchange, chain);
        }
        return limiter.take(caller).publishOn(requestEventLoop(exchange))
                .flatMap(decision -> apply(decision, caller, exchange, chain));
    }

    private static Mono<Void> apply(Decision decision, Caller caller, ServerWebExchange exchange, GatewayFilterChain chain) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(REMAINING, Long.toString(decision.remaining()));
        if (decision.allowed()) {
            return chain.filter(exchange);
        }
        HttpHeaders problemHeaders = new HttpHeaders();
        long seconds = Math.max(1, (decision.retryAfterMillis() + 999) / 1000);
        problemHeaders.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        problemHeaders.set(REMAINING, "0");
        return Mono.error(new GatewayProblemException(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests",
                "rate limit of tenant " + caller.accountKey() + " exhausted", problemHeaders));
    }

    /*
     * Redis answers on Lettuce's I/O thread, and one connection means one thread for every request. Without this
     * hop the rest of each request's filter chain (routing, header filters, observations, the upstream call) ran
     * on that single thread: under load it became the gateway's bottleneck while the server's event loops idled.
     * Continuing on the event loop that owns the client's connection spreads the work again and keeps each request
     * on one thread.
     */
    private static Scheduler requestEventLoop(ServerWebExchange exchange) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (nativeRequest instanceof Connection connection) {
            return Schedulers.fromExecutor(connection.channel().eventLoop());
        }
        return Schedulers.immediate();
    }
}
