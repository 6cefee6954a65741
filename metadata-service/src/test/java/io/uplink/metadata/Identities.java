package io.uplink.metadata;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionCodec;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Signed identity assertions as the gateway issues them, for requests in tests. */
public final class Identities {

    private static final IdentityAssertionCodec CODEC =
            new IdentityAssertionCodec(MetadataServiceTest.IDENTITY_SECRET, Clock.systemUTC());

    private Identities() {
    }

    public static String admin() {
        return CODEC.sign(new IdentityAssertion(null, "admin-user", List.of(IdentityAssertion.ROLE_ADMIN),
                Instant.now().plusSeconds(30)));
    }

    public static String tenant(String tenantId) {
        return CODEC.sign(new IdentityAssertion(tenantId, "key_test", List.of(IdentityAssertion.ROLE_TENANT),
                Instant.now().plusSeconds(30)));
    }

    public static String expiredAdmin() {
        return CODEC.sign(new IdentityAssertion(null, "admin-user", List.of(IdentityAssertion.ROLE_ADMIN),
                Instant.now().minusSeconds(1)));
    }
}
