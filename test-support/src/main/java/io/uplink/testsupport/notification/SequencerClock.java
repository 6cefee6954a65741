package io.uplink.testsupport.notification;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event times and sequencers as MinIO makes them (the sequencer is the event time in nanoseconds since the epoch,
 * upper-case hex), but strictly increasing within the store, so a later operation on a key always has the greater
 * sequencer even when two fall into the same clock tick.
 */
final class SequencerClock {

    /** One instant of the clock: when the operation happened and its sequencer. */
    record Tick(Instant time, String sequencer) {
    }

    private final AtomicLong lastNanos = new AtomicLong();

    Tick next() {
        Instant now = Instant.now();
        long wallNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long nanos = lastNanos.updateAndGet(last -> Math.max(last + 1, wallNanos));
        return new Tick(Instant.ofEpochSecond(0, nanos), String.format(Locale.ROOT, "%X", nanos));
    }
}
