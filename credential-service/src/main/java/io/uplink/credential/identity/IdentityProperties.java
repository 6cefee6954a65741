package io.uplink.credential.identity;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** @param secret shared with the gateway ({@code UPLINK_IDENTITY_SECRET}), at least 32 bytes */
@Validated
@ConfigurationProperties("uplink.identity")
public record IdentityProperties(@NotBlank String secret) {
}
