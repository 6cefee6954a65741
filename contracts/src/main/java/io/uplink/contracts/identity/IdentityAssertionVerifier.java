package io.uplink.contracts.identity;

import io.uplink.contracts.EventJson;

import java.security.PublicKey;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies the {@link IdentityAssertion}s addressed to one service: signed under the trusted public key of the issuer
 * they name, for this audience, not expired. A verifier holds public keys only, so it can sign nothing.
 *
 * <p>An Ed25519 verification costs far more than the rest of a small request, and the gateway reuses each signed
 * assertion for a second per caller, so a verifier remembers the exact values it has verified (at most
 * {@value #REMEMBERED} of them) and checks only their expiry when they come again. Only a byte-for-byte repeat of a
 * value whose signature verified is taken from memory; anything else is verified in full.
 */
public final class IdentityAssertionVerifier {

    static final int REMEMBERED = 10_000;

    private final int remembered;
    private final String audience;
    private final Map<String, PublicKey> trustedKeys;
    private final Clock clock;
    private final ConcurrentHashMap<String, IdentityAssertion> verified = new ConcurrentHashMap<>();

    /**
     * @param audience this service's name; assertions for any other are refused
     * @param trustedKeys issuer name to its public key ({@link IdentityKeys#trustedKeys})
     */
    public IdentityAssertionVerifier(String audience, Map<String, PublicKey> trustedKeys, Clock clock) {
        this(audience, trustedKeys, clock, REMEMBERED);
    }

    IdentityAssertionVerifier(String audience, Map<String, PublicKey> trustedKeys, Clock clock, int remembered) {
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("a verifier needs this service's name (its audience)");
        }
        if (trustedKeys.isEmpty()) {
            throw new IllegalArgumentException("a verifier needs the public key of at least one issuer");
        }
        this.audience = audience;
        this.trustedKeys = Map.copyOf(trustedKeys);
        this.clock = clock;
        this.remembered = remembered;
    }

    public String audience() {
        return audience;
    }

    /** @throws InvalidIdentityException when the value is malformed, forged, from an untrusted issuer, for another service or expired */
    public IdentityAssertion verify(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            throw new InvalidIdentityException("missing identity assertion");
        }
        IdentityAssertion known = verified.get(headerValue);
        if (known != null) {
            return unexpired(known);
        }
        IdentityAssertion assertion = verifySignatureAndAudience(headerValue);
        unexpired(assertion);
        remember(headerValue, assertion);
        return assertion;
    }

    private IdentityAssertion verifySignatureAndAudience(String headerValue) {
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
        return assertion;
    }

    private IdentityAssertion unexpired(IdentityAssertion assertion) {
        if (!assertion.expiresAt().isAfter(clock.instant())) {
            throw new InvalidIdentityException("identity assertion expired");
        }
        return assertion;
    }

    /** Full: the expired go first; if that is not enough, everything (each value then verifies once more). */
    private void remember(String headerValue, IdentityAssertion assertion) {
        if (verified.size() >= remembered) {
            var now = clock.instant();
            verified.values().removeIf(known -> !known.expiresAt().isAfter(now));
            if (verified.size() >= remembered) {
                verified.clear();
            }
        }
        verified.put(headerValue, assertion);
    }
}
