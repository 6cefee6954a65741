package io.uplink.metadata.file;

import io.uplink.contracts.FileData;
import io.uplink.contracts.FileEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * A recorded file learned more about itself: the upload's own details (the uploader's subject and metadata, the
 * original filename) arrived after the store's notification had recorded the version without them.
 */
public record FileUpdated(UUID eventId, String tenantId, Instant occurredAt, FileData data) implements FileOutboxEvent {

    @Override
    public String type() {
        return FileEvent.FILE_UPDATED;
    }
}
