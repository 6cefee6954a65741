package io.uplink.metadata.file;

import io.uplink.contracts.FileData;
import io.uplink.contracts.FileEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * An object version broke its tenant's size or content-type limits: recorded as rejected and quarantined instead of
 * becoming a file; {@code data.rejectionReason} says why. Sent instead of {@link FileCreated}, once per version.
 */
public record FileRejected(UUID eventId, String tenantId, Instant occurredAt, FileData data) implements FileOutboxEvent {

    @Override
    public String type() {
        return FileEvent.FILE_REJECTED;
    }
}
