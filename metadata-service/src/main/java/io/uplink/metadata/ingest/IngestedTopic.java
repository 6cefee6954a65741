package io.uplink.metadata.ingest;

import io.uplink.contracts.InvalidEventException;

import java.time.Instant;
import java.util.List;

/**
 * What one topic brings to {@link BatchIngestion}: how a record reads as items, which tenant an item belongs to,
 * and how the valid items of a batch are stored.
 *
 * @param <T> one storable item; a record may carry several, or none
 */
public interface IngestedTopic<T> {

    String topic();

    /**
     * @param traceparent the trace context of the record's consumer span, for the events its items cause
     * @throws InvalidEventException when the record can never be stored: it is dead-lettered
     */
    List<T> read(byte[] value, String traceparent);

    /** The item in a few words, for the log line saying it was stored. */
    String describe(T item);

    /** When the signal says the item happened: where the ingest lag is measured from. */
    Instant occurredAt(T item);

    String tenantOf(T item);

    /** Stores the valid items of a batch, in record order, in one transaction; a failure retries the batch. */
    void store(List<T> items);
}
