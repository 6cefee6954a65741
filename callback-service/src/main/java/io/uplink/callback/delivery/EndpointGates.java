package io.uplink.callback.delivery;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Per-endpoint admission in this instance: at most N attempts in flight and, when the endpoint has a rate limit,
 * a token bucket refilled at that many per second (burst of one second's worth). Keeps one tenant's slow or
 * throttled endpoint from consuming the worker's capacity.
 */
final class EndpointGates {

    private final int maxInFlight;
    private final ConcurrentHashMap<UUID, Gate> gates = new ConcurrentHashMap<>();

    EndpointGates(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    /** @return empty when admitted (call {@link #leave}), else how long to wait before trying again */
    Optional<Duration> tryEnter(UUID endpointId, Integer ratePerSecond, long nowNanos) {
        return gates.computeIfAbsent(endpointId, id -> new Gate()).tryEnter(ratePerSecond, nowNanos, maxInFlight);
    }

    void leave(UUID endpointId) {
        Gate gate = gates.get(endpointId);
        if (gate != null) {
            gate.leave();
        }
    }

    /** Every one of the endpoint's attempts in this instance is in flight. */
    boolean isFull(UUID endpointId) {
        Gate gate = gates.get(endpointId);
        return gate != null && gate.full(maxInFlight);
    }

    /** Attempts in flight per endpoint, for the endpoints with any. */
    Map<UUID, Integer> inFlight() {
        Map<UUID, Integer> inFlight = new HashMap<>();
        gates.forEach((endpointId, gate) -> {
            int n = gate.inFlight();
            if (n > 0) {
                inFlight.put(endpointId, n);
            }
        });
        return inFlight;
    }

    /** Endpoints whose rate limit has no token left now. */
    Set<UUID> throttled(long nowNanos) {
        return gates.entrySet().stream()
                .filter(entry -> entry.getValue().throttled(nowNanos))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private static final class Gate {
        private int inFlight;
        private double tokens = -1;
        private long lastRefillNanos;
        private long throttledUntilNanos;

        synchronized Optional<Duration> tryEnter(Integer ratePerSecond, long nowNanos, int maxInFlight) {
            if (inFlight >= maxInFlight) {
                return Optional.of(Duration.ofMillis(100));
            }
            if (ratePerSecond != null) {
                if (tokens < 0) {
                    tokens = ratePerSecond;
                    lastRefillNanos = nowNanos;
                }
                double refill = (nowNanos - lastRefillNanos) / 1e9 * ratePerSecond;
                tokens = Math.min(ratePerSecond, tokens + refill);
                lastRefillNanos = nowNanos;
                if (tokens < 1) {
                    long waitMillis = Math.max(1, (long) Math.ceil((1 - tokens) / ratePerSecond * 1000));
                    throttledUntilNanos = nowNanos + waitMillis * 1_000_000;
                    return Optional.of(Duration.ofMillis(waitMillis));
                }
                tokens -= 1;
            }
            inFlight++;
            return Optional.empty();
        }

        synchronized boolean full(int maxInFlight) {
            return inFlight >= maxInFlight;
        }

        synchronized void leave() {
            inFlight = Math.max(0, inFlight - 1);
        }

        synchronized int inFlight() {
            return inFlight;
        }

        synchronized boolean throttled(long nowNanos) {
            return nowNanos - throttledUntilNanos < 0;
        }
    }
}
