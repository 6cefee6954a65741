package io.uplink.gateway.routing;

/** Route ids appear in metrics, access logs and circuit breaker names, so they are part of the operator's view. */
public final class RouteIds {

    public static final String CREDENTIAL = "credential";
    public static final String OSS_CALLBACK = "oss-callback";
    public static final String FILES = "files";
    public static final String TENANTS = "tenants";
    public static final String WEBHOOKS = "webhooks";

    /** Route metadata key: the role a caller must hold on this route. */
    public static final String REQUIRED_ROLE = "uplink.required-role";
    /** Route metadata key: the route is called by storage providers, not tenants (their signature is checked downstream). */
    public static final String PUBLIC = "uplink.public";

    private RouteIds() {
    }
}
