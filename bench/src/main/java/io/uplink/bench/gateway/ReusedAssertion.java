package io.uplink.bench.gateway;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * One signed assertion, signed again once it is a second old: what the gateway's {@code SignedAssertions} does for
 * each caller, so the direct side of a comparison carries the same signing and verification costs as the gateway's.
 */
final class ReusedAssertion implements Supplier<String> {

    private static final long REUSE_NANOS = Duration.ofSeconds(1).toNanos();

    private final Supplier<String> signer;
    private String value;
    private long signedAtNanos;

    ReusedAssertion(Supplier<String> signer) {
        this.signer = signer;
    }

    @Override
    public synchronized String get() {
        long now = System.nanoTime();
        if (value == null || now - signedAtNanos >= REUSE_NANOS) {
            value = signer.get();
            signedAtNanos = now;
        }
        return value;
    }
}
