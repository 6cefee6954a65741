package io.uplink.callback.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Deliveries claimed while their endpoint was busy in this instance, waiting (with their room and lease) for the
 * endpoint's next free gate instead of going back to the database: handing them back would leave the endpoint idle
 * until they are due again and claimed anew. A line holds at most twice the endpoint's attempts in flight, so a
 * delivery waits at most two attempts' time, far within its lease; what does not fit is handed back as before.
 */
final class EndpointLines {

    private final int capacity;
    private final Map<UUID, ArrayDeque<ClaimedDelivery>> lines = new HashMap<>();

    EndpointLines(int maxConcurrencyPerEndpoint) {
        this.capacity = maxConcurrencyPerEndpoint * 2;
    }

    /** @return false when the endpoint's line is full: hand the delivery back */
    synchronized boolean join(Dispatch.Busy busy) {
        ArrayDeque<ClaimedDelivery> line = lines.computeIfAbsent(busy.delivery().endpointId(), id -> new ArrayDeque<>());
        if (line.size() >= capacity) {
            return false;
        }
        line.addLast(busy.delivery());
        return true;
    }

    /** The endpoint's longest-waiting delivery, if any. */
    synchronized Optional<ClaimedDelivery> next(UUID endpointId) {
        ArrayDeque<ClaimedDelivery> line = lines.get(endpointId);
        if (line == null) {
            return Optional.empty();
        }
        ClaimedDelivery next = line.pollFirst();
        if (line.isEmpty()) {
            lines.remove(endpointId);
        }
        return Optional.ofNullable(next);
    }

    /** The most deliveries one endpoint's line holds. */
    int capacity() {
        return capacity;
    }

    /** Deliveries waiting in the endpoint's line. */
    synchronized int length(UUID endpointId) {
        ArrayDeque<ClaimedDelivery> line = lines.get(endpointId);
        return line == null ? 0 : line.size();
    }

    /** Deliveries waiting per endpoint, for the endpoints with any. */
    synchronized Map<UUID, Integer> lengths() {
        Map<UUID, Integer> lengths = new HashMap<>();
        lines.forEach((endpointId, line) -> lengths.put(endpointId, line.size()));
        return lengths;
    }

    /** Endpoints with a delivery waiting. */
    synchronized Set<UUID> waiting() {
        return Set.copyOf(lines.keySet());
    }

    /** Every waiting delivery, the lines emptied (stopping: they go back to the database). */
    synchronized List<ClaimedDelivery> drain() {
        List<ClaimedDelivery> all = new ArrayList<>();
        lines.values().forEach(all::addAll);
        lines.clear();
        return all;
    }
}
