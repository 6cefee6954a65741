package io.uplink.contracts.identity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Who is calling, as the gateway established it. The gateway strips every client-supplied identity header and
 * forwards this, signed, in {@link #HEADER}; services trust tenant identity only from a verified assertion.
 *
 * @param tenantId the tenant the caller acts for; null for an admin acting across tenants
 * @param subject the API key id or the JWT subject
 * @param roles {@code tenant} and/or {@code admin}, or {@code uploader} alone
 * @param expiresAt assertions are short-lived (seconds), so a leaked one is useless soon
 */
public record IdentityAssertion(String tenantId, String subject, List<String> roles, Instant expiresAt) {

    public static final String HEADER = "X-Uplink-Identity";
    public static final String ROLE_TENANT = "tenant";
    public static final String ROLE_ADMIN = "admin";
    /** An end user holding an upload token: the upload routes only, within the token's limits. */
    public static final String ROLE_UPLOADER = "uploader";

    public IdentityAssertion {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(expiresAt, "expiresAt");
        roles = roles == null ? List.of() : List.copyOf(roles);
        if (tenantId == null && !roles.contains(ROLE_ADMIN)) {
            throw new IllegalArgumentException("only an admin may act without a tenant");
        }
    }

    public boolean isAdmin() {
        return roles.contains(ROLE_ADMIN);
    }
}
