package io.uplink.credential.session;

import io.uplink.credential.policy.ContentTypes;
import io.uplink.credential.policy.PartPlan;
import io.uplink.credential.policy.UploadMethod;
import io.uplink.credential.policy.UploadPolicy;

import java.time.Duration;
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

    /** Part URLs are re-issued on demand, but a multipart upload may take longer than one credential's TTL. */
    public static final Duration MULTIPART_LIFETIME = Duration.ofDays(7);

    public UploadSession {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** A single-request (PUT or POST) upload as granted, pending until its stored object is checked. */
    public static UploadSession pending(UploadPolicy policy, String storageTarget) {
        return new UploadSession(policy.uploadId(), policy.tenantId(), policy.bucket(), policy.key(), policy.method(),
                policy.originalFilename(), policy.contentType(), policy.size(), policy.checksumSha256(),
                policy.metadata(), null, null, null, Status.PENDING, policy.issuedAt(), policy.expiresAt(), null,
                null, policy.exactSize(), storageTarget);
    }

    /**
     * A pending multipart upload, open for {@link #MULTIPART_LIFETIME}. The store checks each part, so no checksum.
     *
     * @param multipartUploadId the store's upload id; null while the client is still to create it in the store
     * @param plan              the part sizes of an exactly sized upload; null for an open-size one
     */
    public static UploadSession multipart(UploadPolicy policy, String multipartUploadId, PartPlan plan,
                                          String storageTarget) {
        return new UploadSession(policy.uploadId(), policy.tenantId(), policy.bucket(), policy.key(), policy.method(),
                policy.originalFilename(), policy.contentType(), policy.size(), null, policy.metadata(),
                multipartUploadId, plan == null ? null : plan.partSize(), plan == null ? null : plan.partCount(),
                Status.PENDING, policy.issuedAt(), policy.issuedAt().plus(MULTIPART_LIFETIME), null, null,
                policy.exactSize(), storageTarget);
    }

    /** An open-type session (the tenant accepts every type) takes the type the client stored; others keep theirs. */
    public UploadSession withStoredType(String storedType) {
        if (!ContentTypes.isAny(contentType)) {
            return this;
        }
        String type = storedType == null ? "application/octet-stream" : storedType;
        return new UploadSession(uploadId, tenantId, bucket, key, method, originalFilename, type, declaredSize,
                checksumSha256, metadata, multipartUploadId, partSize, partCount, status, createdAt, expiresAt,
                completedAt, etag, exactSize, storageTarget);
    }
}
