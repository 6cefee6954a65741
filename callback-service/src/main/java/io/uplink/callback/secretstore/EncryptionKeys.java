package io.uplink.callback.secretstore;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AES-256 keys by id, one of them current. Parsed from configuration, refusing anything malformed: a service
 * that started with a wrong key would write secrets nobody can read later.
 */
public final class EncryptionKeys {

    /** The property and environment variable named in start-up errors. */
    static final String PROPERTY = "uplink.callback.secret-encryption.keys (UPLINK_CALLBACK_SECRET_ENCRYPTION_KEYS)";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    private static final int KEY_BYTES = 32;

    private final String currentId;
    private final Map<String, SecretKey> keys;

    private EncryptionKeys(String currentId, Map<String, SecretKey> keys) {
        this.currentId = currentId;
        this.keys = Map.copyOf(keys);
    }

    /**
     * @param currentId blank: the first entry's key
     * @param entries {@code <key id>:<base64 of 32 bytes>}, standard or URL-safe base64, padding optional
     */
    public static EncryptionKeys parse(String currentId, List<String> entries) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (String entry : entries == null ? List.<String>of() : entries) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(PROPERTY + ": an entry is <key id>:<base64 key>, one has no ':'");
            }
            String id = trimmed.substring(0, colon);
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException(PROPERTY + ": key id '" + id + "' is not 1-32 of A-Z a-z 0-9 _ . -");
            }
            if (keys.containsKey(id)) {
                throw new IllegalArgumentException(PROPERTY + ": key id '" + id + "' is listed twice");
            }
            keys.put(id, new SecretKeySpec(decode(id, trimmed.substring(colon + 1)), "AES"));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(PROPERTY + " is not set: webhook signing secrets are stored encrypted"
                    + " and this service needs at least one key (<key id>:<base64 of 32 random bytes>)");
        }
        String current = currentId == null || currentId.isBlank() ? keys.keySet().iterator().next() : currentId.strip();
        if (!keys.containsKey(current)) {
            throw new IllegalArgumentException(
                    "uplink.callback.secret-encryption.current-key-id '" + current + "' is not among the keys");
        }
        return new EncryptionKeys(current, keys);
    }

    private static byte[] decode(String id, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + ": key '" + id + "' is not base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(
                    PROPERTY + ": key '" + id + "' is " + key.length + " bytes, AES-256 needs " + KEY_BYTES);
        }
        return key;
    }

    public String currentId() {
        return currentId;
    }

    SecretKey current() {
        return keys.get(currentId);
    }

    Optional<SecretKey> byId(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    @Override
    public String toString() {
        return "EncryptionKeys[current=" + currentId + ", ids=" + keys.keySet() + "]";
    }
}
