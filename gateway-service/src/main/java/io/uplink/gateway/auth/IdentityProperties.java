package io.uplink.gateway.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param privateKey the gateway's base64 PKCS#8 Ed25519 private key ({@code UPLINK_IDENTITY_PRIVATE_KEY}): it signs
 *                   every identity assertion it forwards, as issuer {@code gateway}
 * @param trustedKeys {@code issuer=base64 X.509 Ed25519 public key}, comma-separated ({@code UPLINK_IDENTITY_TRUSTED_KEYS}):
 *                    credential-service's ({@code credential=…}), which upload tokens are verified with
 */
@ConfigurationProperties("uplink.identity")
public record IdentityProperties(String privateKey, String trustedKeys) {
}
