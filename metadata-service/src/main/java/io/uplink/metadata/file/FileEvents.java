package io.uplink.metadata.file;

import io.uplink.contracts.FileData;
import io.uplink.service.ids.TimeOrderedIds;

import java.time.Instant;
import java.util.UUID;

/** Builds file events from what a writer has at hand, so that every event describes its file the same way. */
public final class FileEvents {

    static final String ACTIVE = "active";
    static final String REJECTED = "rejected";
    /** Held until the scanner answers; no event announces it until then. */
    static final String PENDING = "pending";

    /** How an event type is made: its record's canonical constructor, e.g. {@code FileDeleted::new}. */
    @FunctionalInterface
    public interface Type<E extends FileOutboxEvent> {
        E of(UUID eventId, String tenantId, Instant occurredAt, FileData data);
    }

    private FileEvents() {
    }

    /** An event about a file as it is stored now. */
    public static <E extends FileOutboxEvent> E about(StoredFile file, Instant occurredAt, Type<E> type) {
        return type.of(TimeOrderedIds.next(), file.tenantId(), occurredAt, file.toFileData());
    }

    /**
     * The event of a version just inserted under {@code fileId}, from the row's values without a read:
     * {@code file.created}, or {@code file.rejected} when it broke its tenant's limits.
     *
     * @param rejectionReason null for an active file
     */
    static FileOutboxEvent inserted(UUID fileId, NewVersion version, String rejectionReason) {
        FileData data = new FileData(fileId.toString(), version.bucket(), version.key(), version.size(),
                version.contentType(), version.etag(), version.checksumSha256(), version.versionId(),
                version.originalFilename(), version.metadata(), rejectionReason == null ? ACTIVE : REJECTED,
                version.createdAt(), null, rejectionReason, version.storageTarget(), null);
        Type<?> type = rejectionReason == null ? FileCreated::new : FileRejected::new;
        return type.of(TimeOrderedIds.next(), version.tenantId(), version.occurredAt(), data);
    }
}
