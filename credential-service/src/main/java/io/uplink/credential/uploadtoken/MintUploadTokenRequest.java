package io.uplink.credential.uploadtoken;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /api/v1/upload-tokens}: what one end user may upload. Limits left out fall back to the
 * tenant's settings; there is no tenant field, the tenant is the caller's.
 */
public record MintUploadTokenRequest(
        @NotBlank @Size(max = 200) @Pattern(regexp = "[\\p{Graph}&&[^\"\\\\]]+",
                message = "must be printable characters without spaces, quotes or backslashes") String subject,
        @Size(max = 32) List<@NotBlank @Size(max = 200) String> contentTypes,
        @Positive Long maxFileBytes,
        @Positive Long maxTotalBytes,
        @Positive @Max(100_000) Integer maxFiles,
        @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*",
                message = "must be path segments of letters, digits, '.', '_' and '-' (no leading dot)") String keyPrefix,
        @Size(max = 16) Map<@Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}") String,
                @Size(max = 512) @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL characters") String> metadata,
        @Size(max = 32) List<@Pattern(regexp = "https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?",
                message = "must be an origin such as https://app.example.com") String> origins,
        @Positive Long ttlSeconds) {
}
