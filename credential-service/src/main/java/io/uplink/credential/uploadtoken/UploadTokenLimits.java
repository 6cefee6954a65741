package io.uplink.credential.uploadtoken;

import io.uplink.contracts.identity.UploadToken;
import io.uplink.credential.policy.ContentTypes;
import io.uplink.credential.policy.UploadIntent;
import io.uplink.credential.policy.UploadPolicy;
import io.uplink.credential.session.UploadSession;
import io.uplink.credential.tenant.TenantSettings;
import io.uplink.credential.web.InvalidRequestException;
import io.uplink.servlet.identity.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies an upload token's limits on top of the tenant's, in the three steps of a grant: narrow the settings the
 * policy is decided with, complete the intent (the token's metadata and subject), then admit the decided policy
 * (the tenant's types still hold, the key moves under the token's prefix, and the file is counted against the
 * token's totals). For callers without a token every step is the identity.
 */
@Component
public class UploadTokenLimits {

    /** The metadata entry that carries the end user's id with every file uploaded under a token. */
    public static final String SUBJECT_METADATA = "subject";

    private final UploadTokenRepository repository;

    UploadTokenLimits(UploadTokenRepository repository) {
        this.repository = repository;
    }

    public TenantSettings narrow(Caller caller, TenantSettings tenant) {
        UploadToken token = caller.uploadToken();
        if (token == null) {
            return tenant;
        }
        long maxObjectSize = token.maxFileBytes() == null ? tenant.maxObjectSize()
                : Math.min(tenant.maxObjectSize(), token.maxFileBytes());
        if (token.maxTotalBytes() != null) {
            maxObjectSize = Math.min(maxObjectSize, token.maxTotalBytes());
        }
        return new TenantSettings(maxObjectSize,
                token.contentTypes().isEmpty() ? tenant.allowedContentTypes() : token.contentTypes(),
                tenant.credentialTtlSeconds(), tenant.storageTarget(), tenant.quotas(), tenant.routing());
    }

    public UploadIntent complete(Caller caller, UploadIntent intent) {
        UploadToken token = caller.uploadToken();
        if (token == null) {
            return intent;
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        if (intent.metadata() != null) {
            metadata.putAll(intent.metadata());
        }
        metadata.putAll(token.metadata());
        metadata.put(SUBJECT_METADATA, token.subject());
        return new UploadIntent(intent.filename(), intent.contentType(), intent.size(), intent.checksumSha256(),
                metadata, intent.method(), intent.target());
    }

    public UploadPolicy admit(Caller caller, TenantSettings tenant, UploadPolicy policy) {
        UploadToken token = caller.uploadToken();
        if (token == null) {
            return policy;
        }
        boolean allowedByTenant = ContentTypes.isAny(policy.contentType())
                ? ContentTypes.allowsEveryType(tenant.allowedContentTypes())
                : ContentTypes.isAllowed(policy.contentType(), tenant.allowedContentTypes());
        if (!allowedByTenant) {
            throw InvalidRequestException.badRequest("contentType", "allowed-content-types",
                    "content type " + policy.contentType() + " is not allowed for this tenant");
        }
        UploadPolicy admitted = token.keyPrefix() == null ? policy : policy.underSubPrefix(token.keyPrefix());
        if (!repository.reserve(token.id(), admitted.uploadId(), admitted.maxSize())) {
            throw refusal(token, admitted.maxSize());
        }
        return admitted;
    }

    /**
     * An upload ended with {@code storedBytes} stored: an upload made under a token gives back what it reserved beyond
     * that (an open-size upload reserved the per-file maximum).
     */
    public void completed(UploadSession session, long storedBytes) {
        if (madeUnderToken(session)) {
            repository.settle(session.uploadId(), storedBytes);
        }
    }

    /** An upload ended without a file (aborted, expired): one made under a token gives back its file and bytes. */
    public void abandoned(UploadSession session) {
        if (madeUnderToken(session)) {
            repository.release(session.uploadId());
        }
    }

    /** Every upload granted under a token carries its subject, so others skip the database round trip. */
    private static boolean madeUnderToken(UploadSession session) {
        return session.metadata().containsKey(SUBJECT_METADATA);
    }

    private InvalidRequestException refusal(UploadToken token, long bytes) {
        UploadTokenUsage usage = repository.usage(token.tenantId(), token.id()).orElse(null);
        if (usage == null || usage.revokedAt() != null) {
            return forbidden("upload-token-revoked", "this upload token was revoked");
        }
        if (usage.maxFiles() != null && usage.filesUsed() >= usage.maxFiles()) {
            return forbidden("upload-token-max-files",
                    "this upload token allows " + usage.maxFiles() + " files, and all were used");
        }
        if (usage.maxTotalBytes() != null && usage.bytesUsed() + bytes > usage.maxTotalBytes()) {
            return forbidden("upload-token-max-total-bytes", "this upload token allows " + usage.maxTotalBytes()
                    + " bytes in all; " + usage.bytesUsed() + " are used, and this file would need " + bytes);
        }
        return forbidden("upload-token-expired", "this upload token has expired");
    }

    private static InvalidRequestException forbidden(String rule, String detail) {
        return new InvalidRequestException(HttpStatus.FORBIDDEN, "uploadToken", rule, detail);
    }
}
