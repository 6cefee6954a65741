package io.uplink.credential.identity;

import io.uplink.contracts.identity.IdentityAssertion;

/**
 * The verified caller of an API request. Controllers take it as a parameter; the tenant id comes only from the
 * gateway's signed assertion, never from the request body, path or query.
 */
public record Caller(String tenantId, String subject) {

    static final String REQUEST_ATTRIBUTE = Caller.class.getName();

    static Caller of(IdentityAssertion assertion) {
        return new Caller(assertion.tenantId(), assertion.subject());
    }

    public boolean hasTenant() {
        return tenantId != null;
    }
}
