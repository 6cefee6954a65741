package io.uplink.acceptance;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** Waits for an asynchronous outcome of the pipeline (Kafka, outbox relay, webhook delivery). */
final class Eventually {

    private Eventually() {
    }

    static <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
