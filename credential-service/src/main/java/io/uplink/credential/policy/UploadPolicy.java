package io.uplink.credential.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one decision about an upload: which key, which type, exactly how many bytes, which checksum, until when.
 * Presigned-PUT headers, POST-policy conditions and the STS session policy are all rendered from it, so the three
 * credentials can never disagree.
 */
public record UploadPolicy(String tenantId, UUID uploadId, String bucket, String key, String originalFilename,
                           String contentType, long size, String checksumSha256, Map<String, String> metadata,
                           UploadMethod method, Instant issuedAt, Instant expiresAt, boolean exactSize) {

    public static final String CHECKSUM_HEADER = "x-amz-checksum-sha256";

    public UploadPolicy {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        if (!ObjectKeys.belongsTo(tenantId, key)) {
            throw new IllegalArgumentException("key outside the tenant prefix");
        }
    }

    /** The same upload, its key moved under {@code tenants/{tenantId}/{subPrefix}/}. */
    public UploadPolicy underSubPrefix(String subPrefix) {
        String tenantPrefix = ObjectKeys.tenantPrefix(tenantId);
        String moved = tenantPrefix + subPrefix + "/" + key.substring(tenantPrefix.length());
        return new UploadPolicy(tenantId, uploadId, bucket, moved, originalFilename, contentType, size, checksumSha256,
                metadata, method, issuedAt, expiresAt, exactSize);
    }

    /** @param size the exact size, or for an open-size upload (Uppy Companion protocol) the upper bound */
    public long maxSize() {
        return size;
    }

    /** Headers a presigned PUT signs; the client must send exactly these, so the store rejects anything else. */
    public Map<String, String> signedPutHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Content-Length", Long.toString(size));
        if (checksumSha256 != null) {
            headers.put(CHECKSUM_HEADER, checksumSha256);
        }
        return headers;
    }

    /** POST-policy conditions (besides the x-amz-* signing fields the signer adds). */
    public List<Object> postPolicyConditions() {
        List<Object> conditions = new ArrayList<>();
        conditions.add(Map.of("bucket", bucket));
        conditions.add(List.of("eq", "$key", key));
        conditions.add(List.of("eq", "$Content-Type", contentType));
        conditions.add(List.of("content-length-range", exactSize ? size : 1, size));
        return conditions;
    }

    /** Form fields a POST upload must carry (matching {@link #postPolicyConditions()}). */
    public Map<String, String> postFormFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.put("Content-Type", contentType);
        return fields;
    }

    /** IAM session policy for temporary credentials: upload actions on the tenant's prefix only. */
    public static Map<String, Object> sessionPolicy(String bucket, String tenantId) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", "UplinkTenantUploads");
        statement.put("Effect", "Allow");
        statement.put("Action", List.of("s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"));
        statement.put("Resource", List.of("arn:aws:s3:::" + bucket + "/" + ObjectKeys.tenantPrefix(tenantId) + "*"));
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("Version", "2012-10-17");
        policy.put("Statement", List.of(statement));
        return policy;
    }
}
