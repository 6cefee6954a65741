package io.uplink.servlet.trace;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Trace context where it leaves the request thread: in the headers of Kafka records a batch listener consumes, and as
 * a stored W3C {@code traceparent} value on a database row (an outbox row, a webhook message) that other work picks
 * up later. The one place the services turn trace context into text and back; spans it starts continue the trace
 * they are given, or start a new one when given none.
 */
public class RecordTracing {

    /** The W3C header (and the column name) carrying trace id, parent span id and the sampled flag. */
    public static final String TRACEPARENT = "traceparent";

    private static final Propagator.Getter<Map<String, String>> MAP_GETTER = Map::get;
    private static final Propagator.Getter<Headers> HEADER_GETTER = (headers, key) -> {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    };
    private static final Propagator.Setter<Headers> HEADER_SETTER = (headers, key, value) -> {
        if (headers != null) {
            headers.remove(key);
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    };

    private final Tracer tracer;
    private final Propagator propagator;

    public RecordTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Spans that record nothing and carry no context: for code run outside a traced service (tests, benchmarks). */
    public static RecordTracing untraced() {
        return new RecordTracing(Tracer.NOOP, Propagator.NOOP);
    }

    /** A span for consuming one record: a child of the context its headers carry, or the root of a new trace. */
    public Span startConsumer(String name, Headers headers) {
        return propagator.extract(headers, HEADER_GETTER).name(name).kind(Span.Kind.CONSUMER).start();
    }

    /** A span for sending a record: a child of the current span, the root of a new trace outside any. */
    public Span startProducer(String name) {
        return tracer.spanBuilder().name(name).kind(Span.Kind.PRODUCER).start();
    }

    /** A span continuing the trace of a stored {@code traceparent}; the root of a new trace when it is null. */
    public Span startChild(String name, Span.Kind kind, String traceparent) {
        return continuing(traceparent).name(name).kind(kind).start();
    }

    /** An internal span (work within the service) continuing a stored {@code traceparent}, as above. */
    public Span startChild(String name, String traceparent) {
        return continuing(traceparent).name(name).start();
    }

    private Span.Builder continuing(String traceparent) {
        return traceparent == null ? tracer.spanBuilder().setNoParent()
                : propagator.extract(Map.of(TRACEPARENT, traceparent), MAP_GETTER);
    }

    /** Makes the span current (trace and span id in every log line) until the scope closes. */
    public Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span);
    }

    /** Writes the span's context into a record's headers, replacing any there. */
    public void inject(Span span, Headers headers) {
        propagator.inject(span.context(), headers, HEADER_SETTER);
    }

    /** The current span's {@code traceparent}; null outside any span. */
    public String current() {
        Span span = tracer.currentSpan();
        return span == null ? null : traceparent(span);
    }

    /** The {@code traceparent} naming this span as the parent of what follows. */
    public static String traceparent(Span span) {
        TraceContext context = span.context();
        return "00-" + context.traceId() + "-" + context.spanId() + "-"
                + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }
}
