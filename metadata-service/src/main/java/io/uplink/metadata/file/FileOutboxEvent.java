package io.uplink.metadata.file;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.FileData;
import io.uplink.contracts.FileEvent;
import io.uplink.metadata.outbox.ExportedEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * A file event on its way through the outbox: its payload is the {@link FileEvent} of the contract, keyed by the
 * file, so a file's events reach Kafka in the order they were written. A new event type is one record implementing
 * this interface with its {@link #type()}.
 */
public interface FileOutboxEvent extends ExportedEvent {

    UUID eventId();

    Instant occurredAt();

    /** The file as it is after the change. */
    FileData data();

    @Override
    String tenantId();

    @Override
    String type();

    @Override
    default UUID id() {
        return eventId();
    }

    @Override
    default String aggregateType() {
        return "file";
    }

    @Override
    default String aggregateId() {
        return data().fileId();
    }

    @Override
    default String payload() {
        return EventJson.writeString(toFileEvent());
    }

    default FileEvent toFileEvent() {
        return new FileEvent(eventId(), type(), tenantId(), occurredAt(), data());
    }
}
