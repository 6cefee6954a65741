package io.uplink.contracts.identity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Who is calling, as the gateway established it. The gateway strips every client-supplied identity header and
 * forwards this, signed with its own key, in {@link #HEADER}; services trust tenant identity only from a verified
 * assertion addressed to them. credential-service also signs a few, for its own calls to metadata-service.
 *
 * @param issuer who signed it ({@link #ISSUER_GATEWAY}, {@link #ISSUER_CREDENTIAL}); verified under that issuer's key
 * @param audience the one service it is for ({@link #AUDIENCE_CREDENTIAL}, {@link #AUDIENCE_METADATA},
 *                 {@link #AUDIENCE_CALLBACK}); every other service refuses it
 * @param tenantId the tenant the caller acts for; null for an admin acting across tenants, or a tenant reader
 * @param subject the API key id or the JWT subject
 * @param roles {@code tenant} and/or {@code admin}, or {@code uploader} alone, or {@code tenant-reader} alone
 * @param expiresAt assertions are short-lived (seconds), so a leaked one is useless soon
 */
public record IdentityAssertion(String issuer, String audience, String tenantId, String subject, List<String> roles,
                                Instant expiresAt) {

    public static final String HEADER = "X-Uplink-Identity";
    public static final String ROLE_TENANT = "tenant";
    public static final String ROLE_ADMIN = "admin";
    /** An end user holding an upload token: the upload routes only, within the token's limits. */
    public static final String ROLE_UPLOADER = "uploader";
    /** A service reading one tenant's registration and settings ({@code GET /api/v1/tenants/{id}}), nothing else. */
    public static final String ROLE_TENANT_READER = "tenant-reader";

    public static final String ISSUER_GATEWAY = "gateway";
    public static final String ISSUER_CREDENTIAL = "credential";
    public static final String AUDIENCE_CREDENTIAL = "credential";
    public static final String AUDIENCE_METADATA = "metadata";
    public static final String AUDIENCE_CALLBACK = "callback";

    public IdentityAssertion {
        requireName(issuer, "issuer");
        requireName(audience, "audience");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(expiresAt, "expiresAt");
        roles = roles == null ? List.of() : List.copyOf(roles);
        if (tenantId == null && !roles.contains(ROLE_ADMIN) && !roles.contains(ROLE_TENANT_READER)) {
            throw new IllegalArgumentException("only an admin or a tenant reader may act without a tenant");
        }
    }

    public boolean isAdmin() {
        return roles.contains(ROLE_ADMIN);
    }

    private static void requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an identity assertion names its " + what);
        }
    }
}
