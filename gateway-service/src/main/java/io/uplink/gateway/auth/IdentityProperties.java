package io.uplink.gateway.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param secret shared HMAC secret for identity assertions ({@code UPLINK_IDENTITY_SECRET}, at least 32 bytes) */
@ConfigurationProperties("uplink.identity")
public record IdentityProperties(String secret) {
}
