package io.uplink.callback.delivery;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.uplink.servlet.trace.RecordTracing;
import io.uplink.servlet.trace.SampledLines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Instant;

/**
 * Each webhook attempt as a client span continuing its message's trace: the span's context is the request's
 * {@code traceparent}, and the attempt's outcome is measured and logged inside it.
 */
@Component
class TracedAttempts {

    private static final Logger log = LoggerFactory.getLogger(TracedAttempts.class);

    private final WebhookSender sender;
    private final RecordTracing tracing;
    private final DeliveryMetrics metrics;

    TracedAttempts(WebhookSender sender, RecordTracing tracing, DeliveryMetrics metrics) {
        this.sender = sender;
        this.tracing = tracing;
        this.metrics = metrics;
    }

    /** Never fails, as {@link WebhookSender#send}; a failed attempt's span has error status. */
    Mono<AttemptResult> send(ClaimedDelivery delivery) {
        return Mono.defer(() -> {
            Span span = tracing.startChild("webhook POST", Span.Kind.CLIENT, delivery.message().traceparent())
                    .tag("uplink.delivery.id", delivery.id().toString())
                    .tag("uplink.endpoint.id", delivery.endpointId().toString())
                    .tag("uplink.attempt", String.valueOf(delivery.attemptCount() + 1));
            return sender.send(delivery, RecordTracing.traceparent(span))
                    .doOnNext(result -> finished(span, delivery, result))
                    .doFinally(signal -> span.end());
        });
    }

    /** Never throws: a failure to measure or log must not turn a made attempt into an unrecorded one. */
    private void finished(Span span, ClaimedDelivery delivery, AttemptResult result) {
        try (Tracer.SpanInScope ignored = tracing.inScope(span)) {
            if (result.statusCode() != null) {
                span.tag("http.response.status_code", String.valueOf(result.statusCode()));
            }
            metrics.attempt(delivery, result, Instant.now());
            if (result.succeeded()) {
                SampledLines.write(log, span, "delivery {} of message {} to endpoint {}: attempt {} answered {} in {} ms",
                        delivery.id(), delivery.messageId(), delivery.endpointId(), delivery.attemptCount() + 1,
                        result.statusCode(), result.latencyMillis());
            } else {
                String reason = result.error() != null ? result.error() : "status " + result.statusCode();
                span.error(new FailedAttempt(reason));
                log.info("delivery {} of message {} to endpoint {}: attempt {} failed in {} ms: {}", delivery.id(),
                        delivery.messageId(), delivery.endpointId(), delivery.attemptCount() + 1,
                        result.latencyMillis(), reason);
            }
        } catch (RuntimeException e) {
            log.warn("delivery {}: the attempt's outcome was not measured: {}", delivery.id(), e.toString());
        }
    }

    /** Why an attempt failed, as the span's error (no stack trace: nothing threw). */
    private static final class FailedAttempt extends RuntimeException {

        FailedAttempt(String reason) {
            super(reason, null, false, false);
        }
    }
}
