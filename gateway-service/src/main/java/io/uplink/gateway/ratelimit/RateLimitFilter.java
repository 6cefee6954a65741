package io.uplink.gateway.ratelimit;

import io.uplink.gateway.auth.AuthenticationFilter;
import io.uplink.gateway.auth.Caller;
import io.uplink.gateway.problem.GatewayProblemException;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

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
        return AuthenticationFilter.ORDER + 100;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Caller caller = Caller.of(exchange);
        if (caller == null) {
            return chain.filter(exchange);
        }
        return limiter.take(caller).flatMap(decision -> {
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
        });
    }
}
