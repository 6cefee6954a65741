package io.uplink.servlet.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param secret shared with the gateway ({@code UPLINK_IDENTITY_SECRET}), at least 32 bytes */
@ConfigurationProperties("uplink.identity")
public record IdentityProperties(String secret) {
}
