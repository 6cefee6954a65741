package io.uplink.contracts.identity;

import java.nio.charset.StandardCharsets;

/** The secret shared by the gateway and the services ({@code UPLINK_IDENTITY_SECRET}), checked for length once. */
final class IdentitySecret {

    private static final int MIN_BYTES = 32;

    private IdentitySecret() {
    }

    static byte[] bytes(String secret) {
        byte[] bytes = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("the identity secret must be at least " + MIN_BYTES + " bytes");
        }
        return bytes;
    }
}
