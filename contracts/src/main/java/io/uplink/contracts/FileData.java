package io.uplink.contracts;

import java.time.Instant;
import java.util.Map;

/**
 * The public metadata of a stored file, as tenants see it in webhooks and the metadata API.
 *
 * @param rejectionReason why the file was quarantined (status {@code rejected}); absent otherwise
 * @param storageTarget   the named store the object is in ({@code default} unless the tenant's objects go elsewhere)
 * @param scanResult      what the scanner said, for tenants whose uploads are scanned: {@code clean},
 *                        {@code infected: <signature>} or {@code not scanned: <why>}; absent otherwise
 */
public record FileData(
        String fileId,
        String bucket,
        String key,
        long size,
        String contentType,
        String etag,
        String checksumSha256,
        String versionId,
        String originalFilename,
        Map<String, String> metadata,
        String status,
        Instant createdAt,
        Instant deletedAt,
        String rejectionReason,
        String storageTarget,
        String scanResult) {

    public FileData {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** A file that was not rejected, its store not stated. */
    public FileData(String fileId, String bucket, String key, long size, String contentType, String etag,
                    String checksumSha256, String versionId, String originalFilename, Map<String, String> metadata,
                    String status, Instant createdAt, Instant deletedAt) {
        this(fileId, bucket, key, size, contentType, etag, checksumSha256, versionId, originalFilename, metadata,
                status, createdAt, deletedAt, null, null, null);
    }
}
