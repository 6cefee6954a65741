package io.uplink.contracts.identity;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The wire shape shared by identity assertions and upload tokens: {@code base64url(payload) "." base64url(mac)},
 * the MAC being HMAC-SHA256 under one key. Verifying answers the payload only when the MAC matches.
 */
final class SignedValue {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    /** {@code Mac.getInstance} looks the provider up each time; a keyed Mac per thread is reused instead. */
    private final ThreadLocal<Mac> macs;

    SignedValue(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** A key of its own for one purpose, derived from a shared secret, so one kind of value never passes for another. */
    static byte[] derivedKey(byte[] secret, String purpose) {
        return new SignedValue(secret).mac(purpose.getBytes(StandardCharsets.UTF_8));
    }

    String sign(byte[] payload) {
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /**
     * @return the payload, or null when the value is malformed or its MAC does not verify. Only the canonical
     * encoding verifies: base64 leaves a few trailing bits unused, and a value must have exactly one spelling.
     */
    byte[] verify(String value, int from) {
        int dot = value.indexOf('.', from);
        if (dot <= from || dot != value.lastIndexOf('.')) {
            return null;
        }
        String encodedPayload = value.substring(from, dot);
        byte[] payload;
        try {
            payload = DECODER.decode(encodedPayload);
        } catch (IllegalArgumentException e) {
            return null;
        }
        byte[] expected = ENCODER.encode(mac(payload));
        byte[] given = value.substring(dot + 1).getBytes(StandardCharsets.ISO_8859_1);
        return MessageDigest.isEqual(expected, given) && isCanonical(encodedPayload) ? payload : null;
    }

    /**
     * Whether the (already decoded, so well-formed) unpadded base64url text is the one spelling of its bytes: a
     * last character that carries only 2 or 4 bits of data must leave the rest zero. Checked on the last character
     * alone, since every request of every service verifies an assertion.
     */
    private static boolean isCanonical(String encoded) {
        int dataBitsShort = switch (encoded.length() % 4) {
            case 2 -> 4;
            case 3 -> 2;
            default -> 0;
        };
        if (encoded.indexOf('=') >= 0) {
            return false;
        }
        return dataBitsShort == 0
                || (sextet(encoded.charAt(encoded.length() - 1)) & ((1 << dataBitsShort) - 1)) == 0;
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : 63;
    }

    private byte[] mac(byte[] payload) {
        // doFinal resets the Mac to its key, ready for the next payload
        return macs.get().doFinal(payload);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
