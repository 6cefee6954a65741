package io.uplink.metadata.file;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.uplink.contracts.FileData;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A file as the metadata API returns it; {@code storageTarget} names the store its object is in, {@code scanResult}
 * what the scanner said (tenants whose uploads are scanned); a file under {@code legalHold} is kept whatever its
 * tenant's retention says and cannot be deleted; {@code replicas} are its copies in other stores (only
 * {@code GET /api/v1/files/{id}} reads them).
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
        boolean legalHold,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Replicas.Replica> replicas) {

    /** The same file with its copies in other stores (the single-file read shows them). */
    public StoredFile withReplicas(List<Replicas.Replica> copies) {
        return new StoredFile(fileId, tenantId, bucket, key, size, contentType, etag, checksumSha256, versionId,
                originalFilename, metadata, status, createdAt, updatedAt, deletedAt, rejectionReason, storageTarget,
                scanResult, legalHold, List.copyOf(copies));
    }

    public FileData toFileData() {
        return new FileData(fileId, bucket, key, size, contentType, etag, checksumSha256, versionId, originalFilename,
                metadata, status, createdAt, deletedAt, rejectionReason, storageTarget, scanResult);
    }
}
