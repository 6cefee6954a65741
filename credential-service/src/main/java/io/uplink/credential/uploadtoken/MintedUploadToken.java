package io.uplink.credential.uploadtoken;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/** The answer to a mint: the token to hand to the end user's browser, and the id to revoke it by. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MintedUploadToken(UUID id, String token, String subject, Instant expiresAt) {
}
