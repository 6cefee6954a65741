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

    /** Whether {@code key} is a well-formed key of {@code environment}, as the gateway parses them. */
    public static boolean isWellFormed(String key, String environment) {
        return key != null && key.matches("upk_" + java.util.regex.Pattern.quote(environment) + "_[0-9A-Za-z]{32}");
    }

    /** What lists show of a key: its environment and the first four random characters. */
    public static String displayPrefix(String key) {
        return key.substring(0, key.lastIndexOf('_') + 5);
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
