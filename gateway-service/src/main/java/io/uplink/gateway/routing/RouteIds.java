package io.uplink.gateway.routing;

import java.util.List;

/** Route ids appear in metrics, access logs and circuit breaker names, so they are part of the operator's view. */
public final class RouteIds {

    public static final String CREDENTIAL = "credential";
    public static final String OSS_CALLBACK = "oss-callback";
    public static final String FILES = "files";
    public static final String TENANTS = "tenants";
    /** The admins' own keys ({@code /api/v1/admin-keys}). */
    public static final String ADMIN_KEYS = "admin-keys";
    /** A tenant's own settings ({@code /api/v1/tenant}), as opposed to the admins' registry. */
    public static final String OWN_TENANT = "own-tenant";
    public static final String WEBHOOKS = "webhooks";
    /** A tenant's usage beside its quotas ({@code /api/v1/usage}). */
    public static final String USAGE = "usage";
    /** The web console: it signs its users in itself, with the same credentials, and calls the API as them. */
    public static final String CONSOLE = "console";

    /** Route metadata key: the role a caller must hold on this route. */
    public static final String REQUIRED_ROLE = "uplink.required-role";
    /** Route metadata key: the route is called by storage providers, not tenants (their signature is checked downstream). */
    public static final String PUBLIC = "uplink.public";

    /**
     * The paths on which an end user's upload token is accepted (minting, signing, parts, completion, abort, the
     * Companion routes); every other path refuses it with 403.
     */
    public static final List<String> UPLOAD_PATHS = List.of("/api/v1/uploads", "/api/v1/s3/");

    public static boolean isUploadPath(String path) {
        for (String prefix : UPLOAD_PATHS) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private RouteIds() {
    }
}
