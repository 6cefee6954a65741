package io.uplink.metadata.file;

import io.uplink.contracts.FileData;
import io.uplink.contracts.FileEvent;

import java.time.Instant;
import java.util.UUID;

/** An object version became an active file: exactly once per version, and again when a deleted one comes back. */
public record FileCreated(UUID eventId, String tenantId, Instant occurredAt, FileData data) implements FileOutboxEvent {

    @Override
    public String type() {
        return FileEvent.FILE_CREATED;
    }
}
