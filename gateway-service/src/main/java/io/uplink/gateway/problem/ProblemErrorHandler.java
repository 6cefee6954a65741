package io.uplink.gateway.problem;

import io.uplink.gateway.requestid.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Every error the gateway produces, its own refusals and upstream failures alike, leaves as RFC 9457
 * problem+json carrying the request id, so clients parse one error shape whatever went wrong.
 */
@Component
@Order(-2)
public class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);
    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private final JsonMapper json;

    public ProblemErrorHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        Problem problem = describe(error);
        if (problem.status().is5xxServerError() && !(error instanceof GatewayProblemException)) {
            log.warn("{} {} failed: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error.toString());
        }
        response.setStatusCode(problem.status());
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(PROBLEM_JSON);
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        headers.putAll(problem.headers());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", problem.title());
        body.put("status", problem.status().value());
        body.put("detail", problem.detail());
        body.put("instance", exchange.getRequest().getPath().value());
        body.put("requestId", RequestIdFilter.of(exchange));
        DataBuffer buffer = response.bufferFactory().wrap(json.writeValueAsBytes(body));
        return response.writeWith(Mono.just(buffer));
    }

    private static Problem describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof GatewayProblemException problem) {
                return new Problem(problem.status(), problem.title(), problem.getMessage(), problem.headers());
            }
        }
        if (error instanceof ResponseStatusException statusError) {
            HttpStatusCode code = statusError.getStatusCode();
            HttpStatus status = HttpStatus.resolve(code.value());
            String title = status != null ? status.getReasonPhrase() : "Error";
            String detail = statusError.getReason() != null ? statusError.getReason() : title;
            return new Problem(code, title, detail, statusError.getHeaders());
        }
        if (hasCause(error, ConnectException.class)) {
            return new Problem(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                    "the upstream service could not be reached", retryAfter(1));
        }
        if (hasCause(error, TimeoutException.class)) {
            return new Problem(HttpStatus.GATEWAY_TIMEOUT, "Gateway Timeout",
                    "the upstream service did not answer in time", new HttpHeaders());
        }
        // An instance dying mid-request resets or closes the connection: the upstream failed, not the gateway,
        // and the client should retry (the request may or may not have been processed: completion is idempotent).
        if (hasCause(error, PrematureCloseException.class) || hasCause(error, IOException.class)) {
            return new Problem(HttpStatus.BAD_GATEWAY, "Bad Gateway",
                    "the upstream service closed the connection before answering", retryAfter(1));
        }
        return new Problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error",
                "the gateway could not process the request", new HttpHeaders());
    }

    static HttpHeaders retryAfter(long seconds) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return headers;
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private record Problem(HttpStatusCode status, String title, String detail, HttpHeaders headers) {
    }
}
