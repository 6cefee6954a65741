package io.uplink.contracts.identity;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The Ed25519 keys identity assertions and upload tokens are signed with. Each issuer (the gateway, credential-service)
 * holds its own private key ({@code UPLINK_IDENTITY_PRIVATE_KEY}: base64 PKCS#8, as {@code openssl genpkey -algorithm
 * ed25519 -outform DER | base64} writes it); a verifier holds only the public keys of the issuers it trusts
 * ({@code UPLINK_IDENTITY_TRUSTED_KEYS}: {@code issuer=base64 X.509,issuer=…}). A malformed key is refused here, with
 * a message that names what is wrong but never the key.
 */
public final class IdentityKeys {

    static final String ALGORITHM = "Ed25519";

    /** The setting that holds the trusted keys, as start-up errors name it. */
    public static final String TRUSTED_KEYS_SETTING = "uplink.identity.trusted-keys (UPLINK_IDENTITY_TRUSTED_KEYS)";

    private IdentityKeys() {
    }

    /** @throws IllegalArgumentException when the text is not a base64 PKCS#8 Ed25519 private key */
    public static PrivateKey privateKey(String base64Pkcs8) {
        byte[] der = decode(base64Pkcs8, "private key");
        try {
            return keyFactory().generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("the identity private key is not a base64 PKCS#8 Ed25519 key");
        }
    }

    /** @throws IllegalArgumentException when the text is not a base64 X.509 Ed25519 public key */
    public static PublicKey publicKey(String base64X509) {
        byte[] der = decode(base64X509, "public key");
        try {
            return keyFactory().generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("an identity public key is not a base64 X.509 Ed25519 key");
        }
    }

    /**
     * Parses {@code issuer=key,issuer=key}; blanks around names and keys are ignored.
     *
     * @throws IllegalArgumentException when an entry is malformed, an issuer is named twice, or a key is not Ed25519
     */
    public static Map<String, PublicKey> trustedKeys(String list) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        if (list == null || list.isBlank()) {
            return Map.of();
        }
        for (String entry : list.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String issuer = equals < 0 ? "" : entry.substring(0, equals).strip();
            if (!issuer.matches("[a-z0-9-]{1,32}") || entry.substring(equals + 1).isBlank()) {
                throw new IllegalArgumentException(
                        "trusted identity keys are issuer=base64 X.509 key, comma-separated (issuer: a-z, 0-9, -)");
            }
            PublicKey key;
            try {
                key = publicKey(entry.substring(equals + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the trusted identity key of '" + issuer + "' is not a base64 X.509 Ed25519 key");
            }
            if (keys.put(issuer, key) != null) {
                throw new IllegalArgumentException("issuer '" + issuer + "' has two trusted identity keys");
            }
        }
        return Collections.unmodifiableMap(keys);
    }

    /**
     * The signing key a service is configured with: without it, or with a malformed one, the service must not start.
     *
     * @throws IllegalStateException naming the setting ({@code uplink.identity.private-key}) and what is wrong
     */
    public static PrivateKey configuredPrivateKey(String setting) {
        if (setting == null || setting.isBlank()) {
            throw new IllegalStateException("uplink.identity.private-key (UPLINK_IDENTITY_PRIVATE_KEY) is not set");
        }
        try {
            return privateKey(setting);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("uplink.identity.private-key (UPLINK_IDENTITY_PRIVATE_KEY): " + e.getMessage());
        }
    }

    /**
     * What a service makes of the trusted keys it is configured with (a verifier), read as {@link #trustedKeys} reads
     * them: a malformed list, or one the verifier refuses, stops the service.
     *
     * @throws IllegalStateException naming the setting ({@code uplink.identity.trusted-keys}) and what is wrong
     */
    public static <T> T fromConfiguredTrustedKeys(String setting, Function<Map<String, PublicKey>, T> verifier) {
        try {
            return verifier.apply(trustedKeys(setting));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(TRUSTED_KEYS_SETTING + ": " + e.getMessage());
        }
    }

    /** A fresh key pair (tests, a local stack). */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        }
    }

    /** The base64 text {@link #privateKey} and {@link #publicKey} read (PKCS#8 or X.509, by the key's kind). */
    public static String encode(java.security.Key key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    private static byte[] decode(String base64, String what) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("the identity " + what + " is empty");
        }
        try {
            return Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the identity " + what + " is not base64");
        }
    }

    private static KeyFactory keyFactory() throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM);
    }
}
