package io.uplink.credential.uploadtoken;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/** What a token has been used for so far, as {@code GET /api/v1/upload-tokens/{id}} shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UploadTokenUsage(UUID id, String subject, int filesUsed, long bytesUsed, Integer maxFiles,
                               Long maxTotalBytes, Instant issuedAt, Instant expiresAt, Instant revokedAt) {
}
