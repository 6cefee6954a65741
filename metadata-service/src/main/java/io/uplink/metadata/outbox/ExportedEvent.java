package io.uplink.metadata.outbox;

import java.util.UUID;

/**
 * An event as the outbox stores it: one row of {@code metadata.outbox}, relayed to Kafka keyed by
 * {@link #aggregateId()} so the events of one aggregate stay in order.
 */
public interface ExportedEvent {

    /** Also the relayed record's event-id header, so consumers can drop duplicates. */
    UUID id();

    String aggregateType();

    String aggregateId();

    /** The relayed record's event-type header, e.g. {@code file.created}. */
    String type();

    String tenantId();

    /** The relayed record's value, as JSON. */
    String payload();

    /**
     * The trace the relayed record continues, as a W3C {@code traceparent}; null: the trace of the span current when
     * the event is added, if any.
     */
    default String traceparent() {
        return null;
    }

    /** This event, continuing the given trace (null changes nothing). */
    default ExportedEvent continuing(String traceparent) {
        return traceparent == null ? this : new TracedEvent(this, traceparent);
    }
}
