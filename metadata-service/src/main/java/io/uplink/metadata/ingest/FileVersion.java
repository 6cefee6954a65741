package io.uplink.metadata.ingest;

import java.time.Instant;
import java.util.Map;

/** One stored object version, normalised from whichever signal reported it. */
public record FileVersion(
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
        Instant createdAt) {

    public FileVersion {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
