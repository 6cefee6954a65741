package io.uplink.callback.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An endpoint as the tenant sees it: everything but the secrets. */
public record EndpointView(
        UUID id,
        String url,
        String description,
        List<String> eventTypes,
        Integer rateLimit,
        Map<String, String> metadata,
        boolean enabled,
        String disabledReason,
        Instant disabledAt,
        Instant createdAt,
        Instant updatedAt) {

    static EndpointView of(Endpoint endpoint) {
        return new EndpointView(endpoint.id(), endpoint.url(), endpoint.description(), endpoint.eventTypes(),
                endpoint.rateLimit(), endpoint.metadata(), endpoint.enabled(), endpoint.disabledReason(),
                endpoint.disabledAt(), endpoint.createdAt(), endpoint.updatedAt());
    }
}
