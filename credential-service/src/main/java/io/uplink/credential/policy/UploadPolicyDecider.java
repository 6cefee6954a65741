package io.uplink.credential.policy;

import io.uplink.credential.tenant.TenantSettings;
import io.uplink.credential.web.InvalidRequestException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Applies a tenant's settings to an untrusted {@link UploadIntent}. Either it throws an
 * {@link InvalidRequestException} naming the field and the rule, or the policy it returns stays inside
 * {@code tenants/{tenantId}/} and within the tenant's size limit.
 */
public final class UploadPolicyDecider {

    public static final Duration MIN_TTL = Duration.ofMinutes(1);
    public static final Duration MAX_TTL = Duration.ofHours(1);
    /** S3's single PUT / POST limit. */
    public static final long MAX_SINGLE_REQUEST_SIZE = 5L * 1024 * 1024 * 1024;
    private static final Pattern METADATA_KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final int MAX_METADATA_ENTRIES = 16;
    private static final int MAX_METADATA_VALUE = 512;

    private final long multipartThreshold;

    public UploadPolicyDecider(long multipartThreshold) {
        this.multipartThreshold = multipartThreshold;
    }

    public UploadPolicy decide(String tenantId, TenantSettings settings, String bucket, UploadIntent intent,
                               UUID uploadId, Instant now) {
        if (!ObjectKeys.isValidTenantId(tenantId)) {
            throw new InvalidRequestException(org.springframework.http.HttpStatus.FORBIDDEN, "tenantId", "tenant-id",
                    "the caller's tenant id cannot be used in object keys");
        }
        if (intent.filename() == null || intent.filename().isBlank()) {
            throw InvalidRequestException.badRequest("filename", "required", "filename is required");
        }
        if (intent.filename().length() > 1024) {
            throw InvalidRequestException.badRequest("filename", "max-length", "filename is longer than 1024 characters");
        }
        // the filename is kept as given (beside the sanitized key) in Postgres text columns, which cannot hold NUL
        if (intent.filename().indexOf('\0') >= 0) {
            throw InvalidRequestException.badRequest("filename", "no-nul", "filename must not contain NUL characters");
        }
        String contentType = intent.contentType();
        if (!ContentTypes.isWellFormed(contentType)) {
            throw InvalidRequestException.badRequest("contentType", "media-type",
                    "contentType must be a media type such as image/png");
        }
        if (!ContentTypes.isAllowed(contentType, settings.allowedContentTypes())) {
            throw InvalidRequestException.badRequest("contentType", "allowed-content-types",
                    "content type " + ContentTypes.essence(contentType) + " is not allowed for this tenant");
        }
        Long size = intent.size();
        if (size == null || size < 1) {
            throw InvalidRequestException.badRequest("size", "positive", "size must be at least 1 byte");
        }
        if (size > settings.maxObjectSize()) {
            throw InvalidRequestException.badRequest("size", "max-object-size",
                    "size " + size + " is above the tenant's limit of " + settings.maxObjectSize() + " bytes");
        }
        UploadMethod method = intent.method() != null ? intent.method()
                : size > multipartThreshold ? UploadMethod.MULTIPART : UploadMethod.PUT;
        if (method != UploadMethod.MULTIPART && size > MAX_SINGLE_REQUEST_SIZE) {
            throw InvalidRequestException.badRequest("size", "single-request-max-size",
                    "a single " + method + " carries at most 5 GiB; use MULTIPART");
        }
        if (method == UploadMethod.MULTIPART && size > PartPlan.MAX_OBJECT_SIZE) {
            throw InvalidRequestException.badRequest("size", "multipart-max-size", "size is above the multipart limit");
        }
        String checksum = intent.checksumSha256();
        if (checksum != null && !isSha256Base64(checksum)) {
            throw InvalidRequestException.badRequest("checksumSha256", "base64-sha256",
                    "checksumSha256 must be the base64 of a 32-byte SHA-256 digest");
        }
        if (checksum != null && method == UploadMethod.MULTIPART) {
            throw InvalidRequestException.badRequest("checksumSha256", "not-for-multipart",
                    "a whole-object checksum cannot be enforced on a multipart upload");
        }
        Map<String, String> metadata = checkedMetadata(intent.metadata());
        Duration ttl = Duration.ofSeconds(Math.max(MIN_TTL.toSeconds(),
                Math.min(MAX_TTL.toSeconds(), settings.credentialTtlSeconds())));
        String key = ObjectKeys.keyFor(tenantId, now.atZone(ZoneOffset.UTC).toLocalDate(), uploadId,
                intent.filename());
        return new UploadPolicy(tenantId, uploadId, bucket, key, intent.filename(), contentType, size, checksum,
                metadata, method, now, now.plus(ttl), true);
    }

    /**
     * For protocols that never declare the size (Uppy Companion): the tenant's limit becomes the upper bound that
     * the POST policy and the completion check enforce. An open-size PUT signs no length: the completion check
     * (client or reconciler) enforces the bound and removes a larger object.
     */
    public UploadPolicy decideOpenSize(String tenantId, TenantSettings settings, String bucket, UploadIntent intent,
                                       UUID uploadId, Instant now) {
        long bound = intent.method() == UploadMethod.MULTIPART
                ? Math.min(settings.maxObjectSize(), PartPlan.MAX_OBJECT_SIZE)
                : Math.min(settings.maxObjectSize(), MAX_SINGLE_REQUEST_SIZE);
        // A POST policy must name the type; a PUT or multipart upload may leave it to the client, but only where
        // the tenant allows every type, so the unsigned type can never break the tenant's rule.
        boolean anyType = intent.contentType() == null && intent.method() != UploadMethod.POST
                && ContentTypes.allowsEveryType(settings.allowedContentTypes());
        UploadPolicy exact = decide(tenantId, settings, bucket, new UploadIntent(intent.filename(),
                anyType ? "application/octet-stream" : intent.contentType(), bound, intent.checksumSha256(),
                intent.metadata(), intent.method()), uploadId, now);
        return new UploadPolicy(exact.tenantId(), exact.uploadId(), exact.bucket(), exact.key(),
                exact.originalFilename(), anyType ? ContentTypes.ANY : exact.contentType(), exact.size(),
                exact.checksumSha256(), exact.metadata(), exact.method(), exact.issuedAt(), exact.expiresAt(), false);
    }

    private static boolean isSha256Base64(String value) {
        if (value.length() != 44) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(value).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Map<String, String> checkedMetadata(Map<String, String> metadata) {
        if (metadata == null) {
            return Map.of();
        }
        if (metadata.size() > MAX_METADATA_ENTRIES) {
            throw InvalidRequestException.badRequest("metadata", "max-entries", "at most 16 metadata entries");
        }
        metadata.forEach((name, value) -> {
            if (name == null || !METADATA_KEY.matcher(name).matches()) {
                throw InvalidRequestException.badRequest("metadata", "key-format",
                        "metadata keys are lower-case letters, digits and '-' (max 63)");
            }
            if (value == null || value.length() > MAX_METADATA_VALUE) {
                throw InvalidRequestException.badRequest("metadata", "value-length",
                        "metadata values are at most 512 characters");
            }
            if (value.indexOf('\0') >= 0) {
                throw InvalidRequestException.badRequest("metadata", "no-nul", "metadata values must not contain NUL characters");
            }
        });
        return metadata;
    }
}
