package io.uplink.metadata.tenant;

import java.time.Instant;

/** A registered tenant, as the admin API and the other services see it. */
public record Tenant(String id, String name, String status, Instant createdAt, TenantSettings settings) {

    public static final String ACTIVE = "active";
    public static final String SUSPENDED = "suspended";
}
