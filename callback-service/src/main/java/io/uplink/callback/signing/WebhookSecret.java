package io.uplink.callback.signing;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A Standard Webhooks signing secret, {@code whsec_<base64 key>}. Receivers hand this string unchanged to the
 * {@code standardwebhooks} or {@code svix} libraries.
 */
public record WebhookSecret(String value) {

    public static final String PREFIX = "whsec_";
    private static final int GENERATED_KEY_BYTES = 24;
    private static final int MIN_KEY_BYTES = 24;
    private static final int MAX_KEY_BYTES = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    public WebhookSecret {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
        }
        byte[] key = decode(value);
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "a webhook secret's key is " + MIN_KEY_BYTES + "–" + MAX_KEY_BYTES + " bytes");
        }
    }

    public static WebhookSecret generate() {
        byte[] key = new byte[GENERATED_KEY_BYTES];
        RANDOM.nextBytes(key);
        return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key));
    }

    public byte[] key() {
        return decode(value);
    }

    private static byte[] decode(String value) {
        try {
            return Base64.getDecoder().decode(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret's key is base64", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSecret[" + PREFIX + "…]";
    }
}
