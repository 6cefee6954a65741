package io.uplink.metadata.file;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An object version to record as an active file, from whichever signal reported it first.
 *
 * @param source        the signal: {@code client-complete}, {@code storage-event}, …
 * @param sourceEventId the signal's own id, for tracing a row back to it
 * @param sequencer     the storage notification's sequencer, null for signals without one
 * @param occurredAt    when the signal says the version appeared: the {@code file.created} event's time
 * @param contentRejection why the upload's bytes are not what it declared (credential-service's content check); the
 *                      version is recorded as rejected; null when they are, or were not checked
 * @param storageTarget the named store the object is in
 * @param traceparent   the trace context of the signal's consumer span, carried on to the events it causes; null
 *                      when there is none
 */
public record NewVersion(
        String tenantId,
        String bucket,
        String key,
        String versionId,
        long size,
        String contentType,
        String etag,
        String checksumSha256,
        String originalFilename,
        Map<String, String> metadata,
        String uploadId,
        String source,
        String sourceEventId,
        String sequencer,
        Instant createdAt,
        Instant occurredAt,
        String contentRejection,
        String storageTarget,
        String traceparent) {

    /** The source of a version the store's notification reported. */
    public static final String STORAGE_EVENT = "storage-event";

    public NewVersion {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        Objects.requireNonNull(storageTarget, "storageTarget");
    }

    /** The version in a few words, for log lines. */
    public String describe() {
        return "tenant " + tenantId + ", key " + key + ", version " + versionId + ", " + size + " bytes, " + source
                + " " + sourceEventId;
    }
}
