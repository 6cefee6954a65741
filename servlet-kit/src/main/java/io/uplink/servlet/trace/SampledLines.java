package io.uplink.servlet.trace;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.slf4j.Logger;

/**
 * A log line per record or attempt on a busy path: at INFO when its trace is sampled (the traces an operator follows:
 * sampled by rate, or by a caller's sampled {@code traceparent}), at DEBUG otherwise. Log volume then follows the
 * sampling rate, and every line of a followed trace is there.
 */
public final class SampledLines {

    private SampledLines() {
    }

    /** Whether {@link #write} would write a line for this span: callers skip building arguments and scopes if not. */
    public static boolean writes(Logger log, Span span) {
        return Boolean.TRUE.equals(span.context().sampled()) || log.isDebugEnabled();
    }

    /** Writes the line, if any, with the current span as it is (the caller is inside {@code span}'s scope). */
    public static void write(Logger log, Span span, String format, Object... arguments) {
        if (Boolean.TRUE.equals(span.context().sampled())) {
            log.info(format, arguments);
        } else if (log.isDebugEnabled()) {
            log.debug(format, arguments);
        }
    }

    /**
     * Writes the line, if any, inside {@code span}'s scope (its trace and span ids in the line): for a caller outside
     * it. No scope is opened when no line is written.
     */
    public static void writeInScope(Logger log, RecordTracing tracing, Span span, String format, Object... arguments) {
        if (writes(log, span)) {
            try (Tracer.SpanInScope ignored = tracing.inScope(span)) {
                write(log, span, format, arguments);
            }
        }
    }
}
