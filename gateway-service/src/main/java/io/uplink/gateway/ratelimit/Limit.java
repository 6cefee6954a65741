package io.uplink.gateway.ratelimit;

/** A token bucket's shape: refilled at {@code requestsPerSecond}, holding at most {@code burst} tokens. */
public record Limit(double requestsPerSecond, long burst) {

    public Limit {
        if (!(requestsPerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("a limit needs a positive rate and a burst of at least 1");
        }
    }
}
