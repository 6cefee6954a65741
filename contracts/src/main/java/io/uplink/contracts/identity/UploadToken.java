package io.uplink.contracts.identity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What a tenant's backend lets one end user upload, for a short time, from a browser: credential-service mints it,
 * the gateway accepts it on the upload routes only, and credential-service applies its limits to every upload.
 * Limits that are null fall back to the tenant's own settings.
 *
 * @param id revocation and the per-token totals are keyed by it
 * @param subject the end user's id in the tenant's application, stored with every file uploaded under the token
 * @param contentTypes media-type patterns ({@code image/*}); empty means the tenant's
 * @param maxFileBytes the largest single file
 * @param maxTotalBytes all files together
 * @param maxFiles how many files
 * @param keyPrefix a sub-prefix under the tenant's prefix, such as {@code avatars/u-42}
 * @param metadata attached to every file; it wins over what the client sends
 * @param origins the browser origins the token may be used from; empty means the tenant's
 */
public record UploadToken(UUID id, String tenantId, String subject, List<String> contentTypes, Long maxFileBytes,
                          Long maxTotalBytes, Integer maxFiles, String keyPrefix, Map<String, String> metadata,
                          List<String> origins, Instant expiresAt) {

    /** Bearer credentials that start with this are upload tokens. */
    public static final String PREFIX = "upt_";
    /** The header in which the gateway forwards a verified token to credential-service, beside the assertion. */
    public static final String HEADER = "X-Uplink-Upload-Token";

    public UploadToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(expiresAt, "expiresAt");
        contentTypes = contentTypes == null ? List.of() : List.copyOf(contentTypes);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        origins = origins == null ? List.of() : List.copyOf(origins);
    }
}
