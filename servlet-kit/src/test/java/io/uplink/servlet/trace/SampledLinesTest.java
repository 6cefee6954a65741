package io.uplink.servlet.trace;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Lines on busy paths follow the sampling: INFO for a sampled trace, DEBUG otherwise, nothing when DEBUG is off. */
class SampledLinesTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .setSampler(Sampler.parentBased(Sampler.alwaysOn())).build();
    private final io.opentelemetry.api.trace.Tracer otel = provider.get("test");
    private final RecordTracing tracing = new RecordTracing(
            new OtelTracer(otel, new OtelCurrentTraceContext(), event -> { }),
            new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel));
    private final Logger log = (Logger) LoggerFactory.getLogger(SampledLinesTest.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void listen() {
        lines.start();
        log.addAppender(lines);
        log.setLevel(Level.INFO);
    }

    @AfterEach
    void shutDown() {
        log.detachAppender(lines);
        log.setLevel(null);
        provider.close();
    }

    private Span span(boolean sampled) {
        return tracing.startChild("work", "00-" + TRACE_ID + "-00f067aa0ba902b7-" + (sampled ? "01" : "00"));
    }

    @Test
    void aSampledTraceIsWrittenAtInfo() {
        Span span = span(true);

        assertThat(SampledLines.writes(log, span)).isTrue();
        SampledLines.write(log, span, "stored {}", "a");

        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.INFO);
            assertThat(line.getFormattedMessage()).isEqualTo("stored a");
        });
    }

    @Test
    void anUnsampledTraceWritesNothingAtInfoSoCallersCanSkipTheLinesArguments() {
        Span span = span(false);

        assertThat(SampledLines.writes(log, span)).isFalse();
        SampledLines.write(log, span, "stored {}", "a");
        SampledLines.writeInScope(log, tracing, span, "stored {}", "b");

        assertThat(lines.list).isEmpty();
    }

    @Test
    void anUnsampledTraceIsWrittenAtDebugWhenDebugIsOn() {
        log.setLevel(Level.DEBUG);
        Span span = span(false);

        assertThat(SampledLines.writes(log, span)).isTrue();
        SampledLines.write(log, span, "stored {}", "a");

        assertThat(lines.list).singleElement().satisfies(line -> assertThat(line.getLevel()).isEqualTo(Level.DEBUG));
    }
}
