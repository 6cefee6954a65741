package io.uplink.gateway.limits;

import io.uplink.gateway.FilterOrder;
import io.uplink.gateway.problem.GatewayProblemException;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Refuses oversize API bodies with 413: at once when Content-Length says so, otherwise (chunked) as soon as the
 * streamed body passes the limit.
 */
@Component
public class RequestBodyLimitFilter implements WebFilter, Ordered {

    private final long maxBytes;

    public RequestBodyLimitFilter(RequestBodyLimitProperties properties) {
        this.maxBytes = properties.maxRequestBodySize().toBytes();
    }

    @Override
    public int getOrder() {
        return FilterOrder.REQUEST_BODY_LIMIT;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > maxBytes) {
            return Mono.error(tooLarge());
        }
        ServerHttpRequestDecorator counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().map(buffer -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        throw tooLarge();
                    }
                    return buffer;
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private GatewayProblemException tooLarge() {
        return new GatewayProblemException(HttpStatus.CONTENT_TOO_LARGE, "Content Too Large",
                "request bodies are limited to " + maxBytes + " bytes; upload object bytes straight to storage");
    }
}
