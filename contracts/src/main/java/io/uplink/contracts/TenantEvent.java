package io.uplink.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Something happened to a tenant as a whole. Published on {@link Topics#TENANTS_EVENTS} through the metadata-service
 * outbox, keyed by {@link #tenantId()}. {@code tenant.erased}: metadata-service removed the tenant, its files, their
 * objects and its keys; every other service now removes what it holds of the tenant.
 *
 * @param eventId idempotency key: consumers treat a repeated id as a no-op
 */
public record TenantEvent(UUID eventId, String type, String tenantId, Instant occurredAt) {

    public static final String TENANT_ERASED = "tenant.erased";

    public TenantEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (type == null || type.isBlank() || tenantId == null || tenantId.isBlank()) {
            throw new IllegalArgumentException("type and tenantId are required");
        }
    }
}
