package io.uplink.contracts.identity;

import io.uplink.contracts.EventJson;

import java.time.Clock;

/**
 * Signs and verifies {@link IdentityAssertion}s: {@code base64url(json) "." base64url(HMAC-SHA256(json))} with a
 * secret shared by the gateway and the services ({@code UPLINK_IDENTITY_SECRET}). The wire format between the
 * gateway and the services is a contract, which is why it lives here.
 */
public final class IdentityAssertionCodec {

    private final SignedValue signed;
    private final Clock clock;

    public IdentityAssertionCodec(String secret, Clock clock) {
        this.signed = new SignedValue(IdentitySecret.bytes(secret));
        this.clock = clock;
    }

    public String sign(IdentityAssertion assertion) {
        return signed.sign(EventJson.write(assertion));
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
        byte[] payload = signed.verify(headerValue, 0);
        if (payload == null) {
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
}
