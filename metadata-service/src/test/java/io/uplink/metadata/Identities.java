package io.uplink.metadata;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.testsupport.identity.TestIdentityKeys;

import java.time.Instant;
import java.util.List;

/** Signed identity assertions as the gateway (and credential-service) issue them, for requests in tests. */
public final class Identities {

    private Identities() {
    }

    public static String admin() {
        return TestIdentityKeys.fromGateway(IdentityAssertion.AUDIENCE_METADATA, null, "admin-user",
                List.of(IdentityAssertion.ROLE_ADMIN));
    }

    public static String tenant(String tenantId) {
        return TestIdentityKeys.fromGateway(IdentityAssertion.AUDIENCE_METADATA, tenantId, "key_test",
                List.of(IdentityAssertion.ROLE_TENANT));
    }

    public static String expiredAdmin() {
        return TestIdentityKeys.gateway().sign(new IdentityAssertion(IdentityAssertion.ISSUER_GATEWAY,
                IdentityAssertion.AUDIENCE_METADATA, null, "admin-user", List.of(IdentityAssertion.ROLE_ADMIN),
                Instant.now().minusSeconds(1)));
    }

    /** What credential-service sends for its tenant lookups. */
    public static String credentialServiceAs(String... roles) {
        return TestIdentityKeys.credential().sign(new IdentityAssertion(IdentityAssertion.ISSUER_CREDENTIAL,
                IdentityAssertion.AUDIENCE_METADATA, null, "credential-service", List.of(roles),
                Instant.now().plusSeconds(30)));
    }
}
