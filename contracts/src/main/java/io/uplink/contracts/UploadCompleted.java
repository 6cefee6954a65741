package io.uplink.contracts;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An object arrived in storage and was verified. Published on {@link Topics#UPLOADS_COMPLETED}, keyed by
 * {@link #partitionKey()} so that all events of one object stay in order.
 *
 * @param eventId idempotency key: consumers treat a repeated id as a no-op
 * @param checksumSha256 base64 SHA-256 when the client declared one, else null
 * @param versionId the storage version id when the bucket is versioned, else null
 * @param contentRejection why the stored bytes are not what the upload declared (the object is to be quarantined and
 *                         the file recorded as rejected); null when they are, or were not checked
 * @param storageTarget the named store the object is in (credential-service's storage targets); absent from older
 *                      producers' events, which only knew the store named {@value #DEFAULT_STORAGE_TARGET}
 */
public record UploadCompleted(
        UUID eventId,
        String tenantId,
        String uploadId,
        String bucket,
        String key,
        long size,
        String contentType,
        String etag,
        String checksumSha256,
        String versionId,
        String originalFilename,
        Map<String, String> metadata,
        Instant completedAt,
        UploadSource source,
        String contentRejection,
        String storageTarget) {

    public static final String DEFAULT_STORAGE_TARGET = "default";

    public UploadCompleted {
        Objects.requireNonNull(eventId, "eventId");
        requireText(tenantId, "tenantId");
        requireText(bucket, "bucket");
        requireText(key, "key");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(source, "source");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, was " + size);
        }
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        storageTarget = storageTarget == null || storageTarget.isBlank() ? DEFAULT_STORAGE_TARGET : storageTarget;
    }

    /** A completion in the default store whose content was not found wrong. */
    public UploadCompleted(UUID eventId, String tenantId, String uploadId, String bucket, String key, long size,
                           String contentType, String etag, String checksumSha256, String versionId,
                           String originalFilename, Map<String, String> metadata, Instant completedAt,
                           UploadSource source) {
        this(eventId, tenantId, uploadId, bucket, key, size, contentType, etag, checksumSha256, versionId,
                originalFilename, metadata, completedAt, source, null, DEFAULT_STORAGE_TARGET);
    }

    /** The same completion, found to hold other bytes than it declared. */
    public UploadCompleted rejectedFor(String reason) {
        return new UploadCompleted(eventId, tenantId, uploadId, bucket, key, size, contentType, etag, checksumSha256,
                versionId, originalFilename, metadata, completedAt, source, reason, storageTarget);
    }

    public String partitionKey() {
        return tenantId + "/" + key;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
