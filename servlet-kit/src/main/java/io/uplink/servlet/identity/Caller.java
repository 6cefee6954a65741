package io.uplink.servlet.identity;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.UploadToken;

import java.util.List;

/**
 * The verified caller of an API request. Controllers take it as a parameter; the tenant id comes only from the
 * gateway's signed assertion, never from the request body, path or query.
 *
 * @param tenantId the tenant the caller acts for; null for an admin acting across tenants
 * @param roles {@code tenant} and/or {@code admin}, or {@code uploader} alone
 * @param uploadToken the end user's upload token when the caller holds one instead of a tenant credential
 */
public record Caller(String tenantId, String subject, List<String> roles, UploadToken uploadToken) {

    /** The request attribute the identity filter stores the caller in. */
    public static final String REQUEST_ATTRIBUTE = Caller.class.getName();

    public Caller {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    static Caller of(IdentityAssertion assertion, UploadToken uploadToken) {
        return new Caller(assertion.tenantId(), assertion.subject(), assertion.roles(), uploadToken);
    }

    public boolean hasTenant() {
        return tenantId != null;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return hasRole(IdentityAssertion.ROLE_ADMIN);
    }

    /** An end user with an upload token: may upload within its limits, and do nothing else. */
    public boolean isUploader() {
        return uploadToken != null;
    }
}
