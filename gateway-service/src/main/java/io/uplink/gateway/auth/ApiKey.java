package io.uplink.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A tenant API key, {@code upk_<environment>_<32 base62 chars>}, as the contract defines it. */
public record ApiKey(String environment, String value) {

    public static final String PREFIX = "upk_";
    /* MessageDigest.getInstance looks the provider up on every call; one digest per thread is reused instead */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });
    private static final Pattern FORMAT = Pattern.compile("upk_([a-z0-9]{1,16})_[A-Za-z0-9]{32}");

    public static Optional<ApiKey> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(token);
        return matcher.matches() ? Optional.of(new ApiKey(matcher.group(1), token)) : Optional.empty();
    }

    /** What the key registry stores: lowercase hex SHA-256 of the whole key. */
    public String sha256Hex() {
        // digest() resets the digest for its next use
        return HexFormat.of().formatHex(SHA_256.get().digest(value.getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public String toString() {
        return "ApiKey[" + environment + ", sha256=" + sha256Hex().substring(0, 12) + "…]";
    }
}
