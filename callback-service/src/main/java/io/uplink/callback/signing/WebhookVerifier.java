package io.uplink.callback.signing;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The receiving side of Standard Webhooks, as the {@code standardwebhooks} libraries implement it: any one
 * {@code v1} signature of the header must match, and the timestamp must be within the tolerance. Used by the
 * demo receiver and by tests that play the tenant's backend.
 */
public final class WebhookVerifier {

    private static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private WebhookVerifier() {
    }

    public static boolean verifies(String id, String timestamp, String signatureHeader, byte[] body,
                                   WebhookSecret secret, Instant now) {
        if (id == null || timestamp == null || signatureHeader == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > DEFAULT_TOLERANCE.toSeconds()) {
            return false;
        }
        byte[] expected = WebhookSigner.hmac(secret, id, seconds, body);
        for (String versioned : signatureHeader.trim().split(" +")) {
            int comma = versioned.indexOf(',');
            if (comma < 0 || !"v1".equals(versioned.substring(0, comma))) {
                continue;
            }
            try {
                if (MessageDigest.isEqual(expected, Base64.getDecoder().decode(versioned.substring(comma + 1)))) {
                    return true;
                }
            } catch (IllegalArgumentException ignored) {
                // a malformed signature simply does not match
            }
        }
        return false;
    }
}
