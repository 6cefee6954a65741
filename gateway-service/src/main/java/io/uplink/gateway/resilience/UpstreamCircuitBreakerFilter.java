package io.uplink.gateway.resilience;

import io.uplink.gateway.FilterOrder;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.uplink.gateway.identity.Caller;
import io.uplink.gateway.problem.GatewayProblemException;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A route's circuit breaker. Errors and 5xx answers count as failures; while the breaker is open the route fails
 * fast with 503 and a Retry-After of the open-state wait. With {@code serveStale}, GETs remember their last good
 * answer and replay it (marked by {@code Age} and {@code Cache-Status}) while the upstream fails.
 */
public class UpstreamCircuitBreakerFilter implements GatewayFilter {

    /**
     * After authentication and rate limiting (which must not count as upstream failures), and before the
     * response writer (order -1), so that this filter sees and may replace what is written.
     */
    public static final int ORDER = FilterOrder.UPSTREAM_CIRCUIT_BREAKER;

    private final CircuitBreaker breaker;
    private final CircuitBreakerProperties properties;
    private final StaleAnswers staleAnswers;
    private final boolean serveStale;

    public UpstreamCircuitBreakerFilter(String routeId, CircuitBreakerRegistry registry, CircuitBreakerProperties properties,
                                        StaleAnswers staleAnswers, boolean serveStale) {
        this.breaker = registry.circuitBreaker(routeId);
        this.properties = properties;
        this.staleAnswers = staleAnswers;
        this.serveStale = serveStale;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String staleKey = staleKey(exchange);
        if (!breaker.tryAcquirePermission()) {
            return staleOr(exchange, staleKey, () -> new GatewayProblemException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Service Unavailable", "the upstream service is failing; retry later", retryAfter()));
        }
        long started = System.nanoTime();
        RememberingResponse remembering = staleKey == null ? null : new RememberingResponse(exchange.getResponse(), staleKey);
        ServerWebExchange observed = remembering == null ? exchange : exchange.mutate().response(remembering).build();
        return chain.filter(observed)
                .doOnSuccess(done -> {
                    // judged by what the upstream answered, even when a stale answer replaced it
                    HttpStatusCode status = remembering != null && remembering.upstreamStatus != null
                            ? remembering.upstreamStatus : exchange.getResponse().getStatusCode();
                    if (status != null && status.is5xxServerError()) {
                        breaker.onError(elapsed(started), TimeUnit.NANOSECONDS, new UpstreamFailure(status));
                    } else {
                        breaker.onSuccess(elapsed(started), TimeUnit.NANOSECONDS);
                    }
                })
                .doOnCancel(breaker::releasePermission)
                .onErrorResume(error -> {
                    breaker.onError(elapsed(started), TimeUnit.NANOSECONDS, error);
                    return staleOr(exchange, staleKey, () -> error);
                });
    }

    private Mono<Void> staleOr(ServerWebExchange exchange, String staleKey,
                               java.util.function.Supplier<Throwable> otherwise) {
        if (staleKey == null || exchange.getResponse().isCommitted()) {
            return Mono.error(otherwise.get());
        }
        return staleAnswers.recent(staleKey, properties.staleAnswerMaxAge())
                .map(answer -> writeStale(exchange.getResponse(), answer))
                .orElseGet(() -> Mono.error(otherwise.get()));
    }

    private static Mono<Void> writeStale(ServerHttpResponse response, StaleAnswers.Answer answer) {
        response.setStatusCode(HttpStatus.OK);
        HttpHeaders headers = response.getHeaders();
        headers.clear();
        if (answer.contentType() != null) {
            headers.set(HttpHeaders.CONTENT_TYPE, answer.contentType());
        }
        headers.setContentLength(answer.body().length);
        headers.set(HttpHeaders.AGE, Long.toString(answer.age().toSeconds()));
        headers.set("Cache-Status", "uplink-gateway; hit; detail=upstream-unavailable");
        return response.writeWith(Mono.just(response.bufferFactory().wrap(answer.body())));
    }

    private String staleKey(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        if (!serveStale || caller == null || exchange.getRequest().getMethod() != HttpMethod.GET) {
            return null;
        }
        // per caller: a cached answer must never cross tenants
        return caller.accountKey() + " " + exchange.getRequest().getURI().getRawPath() + "?"
                + exchange.getRequest().getURI().getRawQuery();
    }

    private HttpHeaders retryAfter() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, properties.waitDurationInOpenState().toSeconds())));
        return headers;
    }

    private static long elapsed(long started) {
        return System.nanoTime() - started;
    }

    /** Remembers good small answers; replaces a 5xx answer by a recent good one before anything is sent. */
    private final class RememberingResponse extends ServerHttpResponseDecorator {

        private final String key;
        private volatile HttpStatusCode upstreamStatus;

        RememberingResponse(ServerHttpResponse delegate, String key) {
            super(delegate);
            this.key = key;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            HttpStatusCode status = getStatusCode();
            upstreamStatus = status;
            if (status != null && status.is5xxServerError()) {
                var stale = staleAnswers.recent(key, properties.staleAnswerMaxAge());
                if (stale.isPresent()) {
                    return Flux.from(body).doOnNext(DataBufferUtils::release).then(writeStale(getDelegate(), stale.get()));
                }
                return super.writeWith(body);
            }
            long length = getHeaders().getContentLength();
            if (status == null || status.value() != 200 || length < 0 || length > StaleAnswers.MAX_BODY_BYTES) {
                return super.writeWith(body);
            }
            String contentType = getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
            return DataBufferUtils.join(body).flatMap(joined -> {
                byte[] bytes = new byte[joined.readableByteCount()];
                joined.read(bytes);
                DataBufferUtils.release(joined);
                staleAnswers.remember(key, bytes, contentType);
                return super.writeWith(Mono.just(bufferFactory().wrap(bytes)));
            });
        }
    }

    /** A 5xx answer, recorded as a breaker failure. */
    static final class UpstreamFailure extends RuntimeException {
        UpstreamFailure(HttpStatusCode status) {
            super("upstream answered " + status.value(), null, false, false);
        }
    }
}
