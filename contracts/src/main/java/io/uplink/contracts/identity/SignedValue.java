package io.uplink.contracts.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * The wire shape shared by identity assertions and upload tokens: {@code base64url(payload) "." base64url(signature)},
 * the signature being Ed25519 by the issuer's private key over a context string and the payload. The context differs
 * per kind of value, so that no assertion passes for an upload token or the reverse, even from the same issuer.
 */
final class SignedValue {

    static final String ASSERTION_CONTEXT = "uplink identity assertion v2\n";
    static final String UPLOAD_TOKEN_CONTEXT = "uplink upload token v2\n";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int SIGNATURE_BYTES = 64;

    private SignedValue() {
    }

    static String sign(PrivateKey key, String context, byte[] payload) {
        try {
            Signature signature = Signature.getInstance(IdentityKeys.ALGORITHM);
            signature.initSign(key);
            signature.update(context.getBytes(StandardCharsets.US_ASCII));
            signature.update(payload);
            return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(signature.sign());
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an Ed25519 private key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(IdentityKeys.ALGORITHM + " unavailable", e);
        }
    }

    /**
     * @return the payload of {@code value} from {@code from} on, not yet verified, or null when the value is malformed.
     * Only the canonical encoding is accepted: base64 leaves a few trailing bits unused, and a value must have exactly
     * one spelling.
     */
    static byte[] payload(String value, int from) {
        int dot = value.indexOf('.', from);
        if (dot <= from || dot != value.lastIndexOf('.')) {
            return null;
        }
        String encodedPayload = value.substring(from, dot);
        if (!isCanonical(encodedPayload)) {
            return null;
        }
        try {
            return DECODER.decode(encodedPayload);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether the signature after the dot is {@code key}'s over the context and the payload. */
    static boolean verifies(PublicKey key, String context, byte[] payload, String value) {
        String encodedSignature = value.substring(value.lastIndexOf('.') + 1);
        byte[] given;
        try {
            given = DECODER.decode(encodedSignature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (given.length != SIGNATURE_BYTES || !isCanonical(encodedSignature)) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance(IdentityKeys.ALGORITHM);
            signature.initVerify(key);
            signature.update(context.getBytes(StandardCharsets.US_ASCII));
            signature.update(payload);
            return signature.verify(given);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Whether the unpadded base64url text is the one spelling of its bytes: a last character that carries only 2 or 4
     * bits of data must leave the rest zero.
     */
    private static boolean isCanonical(String encoded) {
        if (encoded.isEmpty() || encoded.indexOf('=') >= 0) {
            return false;
        }
        int dataBitsShort = switch (encoded.length() % 4) {
            case 2 -> 4;
            case 3 -> 2;
            default -> 0;
        };
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
}
