package io.uplink.servlet.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param name this service's name in identity assertions ({@code credential}, {@code metadata}, {@code callback}):
 *             the audience it accepts and, if it signs, the issuer it signs as; fixed in its application.yml
 * @param trustedKeys {@code issuer=base64 X.509 Ed25519 public key}, comma-separated
 *                    ({@code UPLINK_IDENTITY_TRUSTED_KEYS}): the issuers whose assertions this service verifies
 * @param privateKey base64 PKCS#8 Ed25519 private key ({@code UPLINK_IDENTITY_PRIVATE_KEY}), for a service that signs
 *                   (credential-service); the others hold none
 */
@ConfigurationProperties("uplink.identity")
public record IdentityProperties(String name, String trustedKeys, String privateKey) {
}
