package io.uplink.credential.upload;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** A part as the client saw it (the ETag the store returned to its PUT). */
public record ClientPart(@Min(1) @Max(10_000) int partNumber, @NotBlank String etag) {
}
