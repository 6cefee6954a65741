package io.uplink.contracts.identity;

import io.uplink.contracts.EventJson;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;

/**
 * Signs and verifies {@link IdentityAssertion}s: {@code base64url(json) "." base64url(HMAC-SHA256(json))} with a
 * secret shared by the gateway and the services ({@code UPLINK_IDENTITY_SECRET}). The wire format between the
 * gateway and the services is a contract, which is why it lives here.
 */
public final class IdentityAssertionCodec {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MIN_SECRET_BYTES = 32;

    private final SecretKeySpec key;
    private final Clock clock;
    /** {@code Mac.getInstance} looks the provider up each time; a keyed Mac per thread is reused instead. */
    private final ThreadLocal<Mac> macs;

    public IdentityAssertionCodec(String secret, Clock clock) {
        byte[] bytes = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the identity secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
        this.clock = clock;
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public String sign(IdentityAssertion assertion) {
        byte[] payload = EventJson.write(assertion);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** @throws InvalidIdentityException when the value is malformed, forged or expired */
    public IdentityAssertion verify(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            throw new InvalidIdentityException("missing identity assertion");
        }
        int dot = headerValue.indexOf('.');
        if (dot <= 0 || dot != headerValue.lastIndexOf('.')) {
            throw new InvalidIdentityException("malformed identity assertion");
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(headerValue.substring(0, dot));
            signature = DECODER.decode(headerValue.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidIdentityException("malformed identity assertion");
        }
        if (!MessageDigest.isEqual(mac(payload), signature)) {
            throw new InvalidIdentityException("identity assertion signature does not verify");
        }
        IdentityAssertion assertion = AssertionPayloadReader.read(payload);
        if (assertion == null) {
            try {
                assertion = EventJson.read(payload, IdentityAssertion.class);
            } catch (RuntimeException e) {
                throw new InvalidIdentityException("malformed identity assertion");
            }
        }
        if (!assertion.expiresAt().isAfter(clock.instant())) {
            throw new InvalidIdentityException("identity assertion expired");
        }
        return assertion;
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
