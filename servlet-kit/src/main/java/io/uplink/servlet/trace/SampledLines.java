package io.uplink.servlet.trace;

import io.micrometer.tracing.Span;
import org.slf4j.Logger;

/**
 * A log line per record or attempt on a busy path: at INFO when its trace is sampled (the traces an operator follows:
 * sampled by rate, or by a caller's sampled {@code traceparent}), at DEBUG otherwise. Log volume then follows the
 * sampling rate, and every line of a followed trace is there.
 */
public final class SampledLines {

    private SampledLines() {
    }

    public static void write(Logger log, Span span, String format, Object... arguments) {
        if (Boolean.TRUE.equals(span.context().sampled())) {
            log.info(format, arguments);
        } else if (log.isDebugEnabled()) {
            log.debug(format, arguments);
        }
    }
}
