package io.uplink.callback.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.DoubleSupplier;

/** When to try a failed delivery again: the configured delays, each spread by a random jitter. */
final class RetrySchedule {

    private final List<Duration> delays;
    private final double jitter;
    private final DoubleSupplier random;

    /** @param random uniform in [0, 1) */
    RetrySchedule(List<Duration> delays, double jitter, DoubleSupplier random) {
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter is a fraction in [0, 1)");
        }
        this.delays = List.copyOf(delays);
        this.jitter = jitter;
        this.random = random;
    }

    int attempts() {
        return delays.size();
    }

    /** @return when attempt {@code attemptsMade + 1} is due, or null when the schedule is exhausted */
    Instant nextAttemptAt(int attemptsMade, Instant now) {
        if (attemptsMade >= delays.size()) {
            return null;
        }
        long base = delays.get(attemptsMade).toMillis();
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        return now.plusMillis(Math.round(base * factor));
    }
}
