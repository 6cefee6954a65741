package io.uplink.metadata.file;

import io.uplink.contracts.FileData;

import java.time.Instant;
import java.util.Map;

/**
 * A file as the metadata API returns it; {@code storageTarget} names the store its object is in, {@code scanResult}
 * what the scanner said (tenants whose uploads are scanned); a file under {@code legalHold} is kept whatever its
 * tenant's retention says and cannot be deleted.
 */
public record StoredFile(
        String fileId,
        String tenantId,
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
        Instant updatedAt,
        Instant deletedAt,
        String rejectionReason,
        String storageTarget,
        String scanResult,
        boolean legalHold) {

    public FileData toFileData() {
        return new FileData(fileId, bucket, key, size, contentType, etag, checksumSha256, versionId, originalFilename,
                metadata, status, createdAt, deletedAt, rejectionReason, storageTarget, scanResult);
    }
}
