package io.uplink.callback.secretstore;

import io.uplink.callback.signing.SigningKeys;
import io.uplink.callback.signing.WebhookSecret;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encrypts endpoints' signing secrets for the database: AES-256-GCM, a random 96-bit nonce per value, stored as
 * {@code v1:<key id>:<base64 of nonce | ciphertext | tag>}. The associated data binds a value to its endpoint and
 * column (and to its version and key id), so a value copied to another row or column does not decrypt.
 * <p>
 * A plain {@code whsec_…} value is still read: rows written before secrets were encrypted, until the
 * re-encryption pass ({@link SecretReEncryption}) has rewritten them.
 */
public final class SecretCipher {

    private static final String VERSION = "v1";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Values remembered once opened, at most; a full memory starts afresh. */
    private static final int OPENED_MAX = 10_000;

    private final EncryptionKeys keys;
    /**
     * Values already opened, by the exact stored value, endpoint and column: every delivery reads its endpoint's
     * secret, and one decryption per value is enough. Only what decrypted for that endpoint and column is here.
     */
    private final Map<Sealed, WebhookSecret> opened = new ConcurrentHashMap<>();

    public SecretCipher(EncryptionKeys keys) {
        this.keys = keys;
    }

    public String currentKeyId() {
        return keys.currentId();
    }

    /** The secret encrypted under the current key, for this endpoint's column only. */
    public String seal(WebhookSecret secret, UUID endpointId, SecretColumn column) {
        String keyId = keys.currentId();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed;
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.current(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(keyId, endpointId, column));
            sealed = cipher.doFinal(secret.value().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(TRANSFORMATION + " unavailable", e);
        }
        byte[] stored = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        return VERSION + ":" + keyId + ":" + Base64.getEncoder().encodeToString(stored);
    }

    /**
     * The secret in a stored value: decrypted, or taken as it is when it is a plain {@code whsec_…} value.
     *
     * @throws UnreadableSecretException when it does not decrypt for this endpoint and column
     */
    public WebhookSecret open(String stored, UUID endpointId, SecretColumn column) {
        if (stored.startsWith(WebhookSecret.PREFIX)) {
            return new WebhookSecret(stored);
        }
        Sealed sealedValue = new Sealed(stored, endpointId, column);
        WebhookSecret remembered = opened.get(sealedValue);
        if (remembered != null) {
            return remembered;
        }
        WebhookSecret secret = decrypt(stored, endpointId, column);
        if (opened.size() >= OPENED_MAX) {
            opened.clear();
        }
        opened.put(sealedValue, secret);
        return secret;
    }

    private WebhookSecret decrypt(String stored, UUID endpointId, SecretColumn column) {
        String[] parts = stored.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new UnreadableSecretException(column.columnName() + " of endpoint " + endpointId
                    + " is neither " + VERSION + ":<key id>:<base64> nor a plain secret");
        }
        String keyId = parts[1];
        SecretKey key = keys.byId(keyId).orElseThrow(() -> new UnreadableSecretException(column.columnName()
                + " of endpoint " + endpointId + " is encrypted under key '" + keyId + "', which is not configured"));
        try {
            byte[] sealed = Base64.getDecoder().decode(parts[2]);
            if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new UnreadableSecretException(column.columnName() + " of endpoint " + endpointId + " is truncated");
            }
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(keyId, endpointId, column));
            byte[] plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            return new WebhookSecret(new String(plain, StandardCharsets.UTF_8));
        } catch (AEADBadTagException e) {
            throw new UnreadableSecretException(column.columnName() + " of endpoint " + endpointId
                    + " does not decrypt: altered, or not this endpoint's or this column's", e);
        } catch (IllegalArgumentException e) {
            throw new UnreadableSecretException(column.columnName() + " of endpoint " + endpointId + " is malformed", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(TRANSFORMATION + " unavailable", e);
        }
    }

    /** False for plain values and values under an older key: those the re-encryption pass rewrites. */
    public boolean isUnderCurrentKey(String stored) {
        return stored.startsWith(currentPrefix());
    }

    /** {@code v1:<current key id>:}, the start of every value sealed under the current key. */
    public String currentPrefix() {
        return VERSION + ":" + keys.currentId() + ":";
    }

    /** An endpoint's signing keys from its stored columns; {@code previous} may be null. */
    public SigningKeys signingKeys(UUID endpointId, String secret, String previous, Instant previousExpiresAt) {
        return new SigningKeys(open(secret, endpointId, SecretColumn.SECRET),
                previous == null ? null : open(previous, endpointId, SecretColumn.PREVIOUS_SECRET),
                previousExpiresAt);
    }

    private record Sealed(String stored, UUID endpointId, SecretColumn column) {
    }

    private static byte[] associatedData(String keyId, UUID endpointId, SecretColumn column) {
        return (VERSION + ":" + keyId + ":endpoints." + column.columnName() + ":" + endpointId)
                .getBytes(StandardCharsets.UTF_8);
    }
}
