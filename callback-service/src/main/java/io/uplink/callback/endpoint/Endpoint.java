package io.uplink.callback.endpoint;

import io.uplink.callback.signing.SigningKeys;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A tenant's webhook endpoint as stored; {@link #keys()} never leaves the service except once at creation/rotation. */
public record Endpoint(
        UUID id,
        String tenantId,
        String url,
        String description,
        List<String> eventTypes,
        Integer rateLimit,
        Map<String, String> metadata,
        boolean enabled,
        String disabledReason,
        Instant disabledAt,
        SigningKeys keys,
        Instant createdAt,
        Instant updatedAt) {
}
