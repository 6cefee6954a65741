package io.uplink.metadata.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** API keys {@code upk_<environment>_<32 base62>} and their stored form, the lowercase hex SHA-256. */
public final class ApiKeyGenerator {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyGenerator() {
    }

    public static String newKey(String environment) {
        return "upk_" + environment + "_" + randomBase62(32);
    }

    public static String newKeyId() {
        return "key_" + randomBase62(20);
    }

    public static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String randomBase62(int length) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return value.toString();
    }
}
