package io.uplink.localstack.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;

/**
 * Verifies a Standard Webhooks delivery the way a tenant's backend would: {@code webhook-signature} holds one or
 * more space-separated {@code v1,<base64 HMAC-SHA256>} over {@code id.timestamp.body}, keyed with the base64 part
 * of a {@code whsec_} secret; the timestamp must be within the tolerance (replay protection). Several secrets are
 * accepted because a rotated endpoint signs with the old and the new one for a while.
 */
public final class StandardWebhookVerifier {

    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    private static final String SECRET_PREFIX = "whsec_";

    public enum Outcome { VERIFIED, MISSING_HEADERS, TIMESTAMP_OUT_OF_TOLERANCE, NO_SECRET, SIGNATURE_MISMATCH }

    private StandardWebhookVerifier() {
    }

    public static Outcome verify(Collection<String> secrets, String id, String timestamp, String signatureHeader,
                                 byte[] body, Instant now, Duration tolerance) {
        if (isBlank(id) || isBlank(timestamp) || isBlank(signatureHeader)) {
            return Outcome.MISSING_HEADERS;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Outcome.MISSING_HEADERS;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return Outcome.TIMESTAMP_OUT_OF_TOLERANCE;
        }
        if (secrets.isEmpty()) {
            return Outcome.NO_SECRET;
        }
        byte[] signedContent = signedContent(id, timestamp.trim(), body);
        for (String secret : secrets) {
            byte[] expected = hmac(secretKey(secret), signedContent);
            for (String candidate : signatureHeader.trim().split(" +")) {
                int comma = candidate.indexOf(',');
                if (comma < 0 || !candidate.substring(0, comma).equals("v1")) {
                    continue;
                }
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(candidate.substring(comma + 1));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (MessageDigest.isEqual(expected, given)) {
                    return Outcome.VERIFIED;
                }
            }
        }
        return Outcome.SIGNATURE_MISMATCH;
    }

    /** The {@code v1,…} signature for a delivery, as a sender computes it. */
    public static String sign(String secret, String id, long timestamp, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(secretKey(secret), signedContent(id, String.valueOf(timestamp), body)));
    }

    private static byte[] signedContent(String id, String timestamp, byte[] body) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return content;
    }

    private static byte[] secretKey(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
