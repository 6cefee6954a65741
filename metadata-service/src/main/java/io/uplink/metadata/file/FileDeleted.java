package io.uplink.metadata.file;

import io.uplink.contracts.FileData;
import io.uplink.contracts.FileEvent;

import java.time.Instant;
import java.util.UUID;

/** An active file was deleted, through the API or in the storage. */
public record FileDeleted(UUID eventId, String tenantId, Instant occurredAt, FileData data) implements FileOutboxEvent {

    @Override
    public String type() {
        return FileEvent.FILE_DELETED;
    }
}
