package io.uplink.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Something happened to a file. Published on {@link Topics#FILES_EVENTS} through the metadata-service outbox,
 * keyed by {@code data.fileId}. Exactly one {@code file.created} per object version, or instead one
 * {@code file.rejected} when the version breaks its tenant's size or content-type limits (quarantined, never
 * announced as created; {@code data.rejectionReason} says why). {@code file.updated} when a recorded file learns
 * more about itself: an upload's own details (the uploader's {@code subject} and granted metadata, the original
 * filename) arriving after the store's notification had recorded the version.
 */
public record FileEvent(UUID eventId, String type, String tenantId, Instant occurredAt, FileData data) {

    public static final String FILE_CREATED = "file.created";
    public static final String FILE_DELETED = "file.deleted";
    public static final String FILE_REJECTED = "file.rejected";
    public static final String FILE_UPDATED = "file.updated";

    public FileEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(data, "data");
    }

    public String partitionKey() {
        return data.fileId();
    }
}
