package io.uplink.servlet.trace;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Trace context through Kafka headers and stored traceparent values, on the OpenTelemetry bridge the services use. */
class RecordTracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_ID = "00f067aa0ba902b7";

    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .setSampler(Sampler.parentBased(Sampler.alwaysOn())).build();
    private final io.opentelemetry.api.trace.Tracer otel = provider.get("test");
    private final ContextPropagators propagators = ContextPropagators.create(W3CTraceContextPropagator.getInstance());
    private final RecordTracing tracing = new RecordTracing(
            new OtelTracer(otel, new OtelCurrentTraceContext(), event -> { }), new OtelPropagator(propagators, otel));

    @AfterEach
    void shutDown() {
        provider.close();
    }

    @Test
    void aConsumedRecordsSpanContinuesTheTraceItsHeadersCarry() {
        Headers headers = new RecordHeaders().add("traceparent", bytes("00-" + TRACE_ID + "-" + PARENT_ID + "-01"));

        Span span = tracing.startConsumer("uplink.files.events process", headers);

        assertThat(span.context().traceId()).isEqualTo(TRACE_ID);
        assertThat(span.context().parentId()).isEqualTo(PARENT_ID);
        assertThat(RecordTracing.traceparent(span)).isEqualTo("00-" + TRACE_ID + "-" + span.context().spanId() + "-01");
        span.end();
    }

    @Test
    void aRecordWithoutTraceContextStartsANewTrace() {
        Span span = tracing.startConsumer("uplink.storage.events process", new RecordHeaders());

        assertThat(span.context().traceId()).hasSize(32).isNotEqualTo(TRACE_ID);
        assertThat(span.context().parentId()).isNullOrEmpty();
        span.end();
    }

    @Test
    void aStoredTraceparentIsContinuedAndItsUnsampledFlagKept() {
        Span span = tracing.startChild("webhook POST", Span.Kind.CLIENT, "00-" + TRACE_ID + "-" + PARENT_ID + "-00");

        // an unsampled span records nothing (not even its parent): only its ids and the flag go on
        assertThat(span.context().traceId()).isEqualTo(TRACE_ID);
        assertThat(span.context().sampled()).isFalse();
        assertThat(RecordTracing.traceparent(span)).startsWith("00-" + TRACE_ID + "-").endsWith("-00");
        span.end();
    }

    @Test
    void withoutAStoredTraceparentAChildIsTheRootOfANewTrace() {
        Span span = tracing.startChild("uplink.files.events send", Span.Kind.PRODUCER, null);

        assertThat(span.context().parentId()).isNullOrEmpty();
        assertThat(RecordTracing.traceparent(span)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        span.end();
    }

    @Test
    void aProducerSpanIsAChildOfTheCurrentSpanAndReplacesTheRecordsTraceHeader() {
        Span request = tracing.startChild("POST /api/v1/uploads/{id}/complete", Span.Kind.SERVER,
                "00-" + TRACE_ID + "-" + PARENT_ID + "-01");
        Headers headers = new RecordHeaders().add("traceparent", bytes("00-" + "1".repeat(32) + "-" + "2".repeat(16) + "-01"));
        Span producer;
        try (var ignored = tracing.inScope(request)) {
            assertThat(tracing.current()).isEqualTo(RecordTracing.traceparent(request));
            producer = tracing.startProducer("uplink.uploads.completed send");
            tracing.inject(producer, headers);
        }

        assertThat(producer.context().parentId()).isEqualTo(request.context().spanId());
        assertThat(headers.headers("traceparent")).singleElement()
                .extracting(header -> new String(header.value(), StandardCharsets.UTF_8))
                .isEqualTo(RecordTracing.traceparent(producer));
        assertThat(tracing.current()).as("outside any span").isNull();
        producer.end();
        request.end();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
