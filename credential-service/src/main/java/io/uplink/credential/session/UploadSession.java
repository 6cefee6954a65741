package io.uplink.credential.session;

import io.uplink.credential.policy.UploadMethod;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What was granted for one upload, kept so that completion can be checked against it.
 *
 * @param declaredSize the exact size, or the upper bound when {@code exactSize} is false
 * @param multipartUploadId the store's multipart upload id, for MULTIPART only
 * @param storageTarget the named store the credential was minted for
 */
public record UploadSession(UUID uploadId, String tenantId, String bucket, String key, UploadMethod method,
                            String originalFilename, String contentType, long declaredSize, String checksumSha256,
                            Map<String, String> metadata, String multipartUploadId, Long partSize, Integer partCount,
                            Status status, Instant createdAt, Instant expiresAt, Instant completedAt, String etag,
                            boolean exactSize, String storageTarget) {

    public enum Status { PENDING, COMPLETED, REJECTED, ABORTED, EXPIRED }

    public UploadSession {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public UploadSession withContentType(String type) {
        return new UploadSession(uploadId, tenantId, bucket, key, method, originalFilename, type, declaredSize,
                checksumSha256, metadata, multipartUploadId, partSize, partCount, status, createdAt, expiresAt,
                completedAt, etag, exactSize, storageTarget);
    }
}
