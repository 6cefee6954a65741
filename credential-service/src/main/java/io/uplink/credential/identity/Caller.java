package io.uplink.credential.identity;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.UploadToken;

/**
 * The verified caller of an API request. Controllers take it as a parameter; the tenant id comes only from the
 * gateway's signed assertion, never from the request body, path or query.
 *
 * @param uploadToken the end user's upload token when the caller holds one instead of a tenant credential
 */
public record Caller(String tenantId, String subject, UploadToken uploadToken) {

    static final String REQUEST_ATTRIBUTE = Caller.class.getName();

    public Caller(String tenantId, String subject) {
        this(tenantId, subject, null);
    }

    static Caller of(IdentityAssertion assertion, UploadToken uploadToken) {
        return new Caller(assertion.tenantId(), assertion.subject(), uploadToken);
    }

    public boolean hasTenant() {
        return tenantId != null;
    }

    /** An end user with an upload token: may upload within its limits, and do nothing else. */
    public boolean isUploader() {
        return uploadToken != null;
    }
}
