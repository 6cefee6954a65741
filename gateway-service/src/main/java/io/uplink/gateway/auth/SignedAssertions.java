package io.uplink.gateway.auth;

import io.uplink.gateway.identity.Caller;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionSigner;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed identity assertions, one per caller and upstream service (its audience), reused for up to {@link #REUSE}
 * after signing: serialising and signing one per request was a measurable share of the gateway's CPU. A reused
 * assertion is identical to a fresh one but for its expiry, which is then at least {@code assertion-ttl} minus
 * {@link #REUSE} away.
 */
final class SignedAssertions {

    static final Duration REUSE = Duration.ofSeconds(1);
    private static final int MAX_CALLERS = 100_000;

    private final IdentityAssertionSigner signer;
    private final Clock clock;
    private final Duration ttl;
    private final ConcurrentHashMap<Identity, Signed> signed = new ConcurrentHashMap<>();

    SignedAssertions(IdentityAssertionSigner signer, Clock clock, Duration ttl) {
        this.signer = signer;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** @param audience the service the request goes to ({@code credential}, {@code metadata}, {@code callback}) */
    String forCaller(Caller caller, String audience) {
        Identity identity = new Identity(audience, caller.tenantId(), caller.subject(), caller.roles());
        long now = System.nanoTime();
        Signed cached = signed.get(identity);
        if (cached != null && now - cached.signedAtNanos < REUSE.toNanos()) {
            return cached.value;
        }
        if (signed.size() > MAX_CALLERS) {
            signed.clear();
        }
        String value = signer.sign(new IdentityAssertion(signer.issuer(), audience, caller.tenantId(), caller.subject(),
                caller.roles(), clock.instant().plus(ttl)));
        signed.put(identity, new Signed(value, now));
        return value;
    }

    private record Identity(String audience, String tenantId, String subject, List<String> roles) {
    }

    private record Signed(String value, long signedAtNanos) {
    }
}
