package io.uplink.contracts.identity;

import io.uplink.contracts.EventJson;

import java.security.PublicKey;
import java.time.Clock;
import java.util.Map;

/**
 * Verifies the {@link IdentityAssertion}s addressed to one service: signed under the trusted public key of the issuer
 * they name, for this audience, not expired. A verifier holds public keys only, so it can sign nothing.
 */
public final class IdentityAssertionVerifier {

    private final String audience;
    private final Map<String, PublicKey> trustedKeys;
    private final Clock clock;

    /**
     * @param audience this service's name; assertions for any other are refused
     * @param trustedKeys issuer name to its public key ({@link IdentityKeys#trustedKeys})
     */
    public IdentityAssertionVerifier(String audience, Map<String, PublicKey> trustedKeys, Clock clock) {
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("a verifier needs this service's name (its audience)");
        }
        if (trustedKeys.isEmpty()) {
            throw new IllegalArgumentException("a verifier needs the public key of at least one issuer");
        }
        this.audience = audience;
        this.trustedKeys = Map.copyOf(trustedKeys);
        this.clock = clock;
    }

    public String audience() {
        return audience;
    }

    /** @throws InvalidIdentityException when the value is malformed, forged, from an untrusted issuer, for another service or expired */
    public IdentityAssertion verify(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            throw new InvalidIdentityException("missing identity assertion");
        }
        byte[] payload = SignedValue.payload(headerValue, 0);
        if (payload == null) {
            throw new InvalidIdentityException("malformed identity assertion");
        }
        IdentityAssertion assertion = AssertionPayloadReader.read(payload);
        if (assertion == null) {
            try {
                assertion = EventJson.read(payload, IdentityAssertion.class);
            } catch (RuntimeException e) {
                throw new InvalidIdentityException("malformed identity assertion");
            }
        }
        PublicKey key = trustedKeys.get(assertion.issuer());
        if (key == null) {
            throw new InvalidIdentityException("identity assertion issuer is not trusted by this service");
        }
        if (!SignedValue.verifies(key, SignedValue.ASSERTION_CONTEXT, payload, headerValue)) {
            throw new InvalidIdentityException("identity assertion signature does not verify");
        }
        if (!audience.equals(assertion.audience())) {
            throw new InvalidIdentityException("identity assertion is addressed to another service");
        }
        if (!assertion.expiresAt().isAfter(clock.instant())) {
            throw new InvalidIdentityException("identity assertion expired");
        }
        return assertion;
    }
}
