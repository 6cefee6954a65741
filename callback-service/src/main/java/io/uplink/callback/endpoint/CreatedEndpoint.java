package io.uplink.callback.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The answer to a create: the endpoint and its signing secret, which is never shown again. */
public record CreatedEndpoint(
        UUID id,
        String url,
        String description,
        List<String> eventTypes,
        Integer rateLimit,
        Map<String, String> metadata,
        boolean enabled,
        Instant createdAt,
        String secret) {

    static CreatedEndpoint of(Endpoint endpoint) {
        return new CreatedEndpoint(endpoint.id(), endpoint.url(), endpoint.description(), endpoint.eventTypes(),
                endpoint.rateLimit(), endpoint.metadata(), endpoint.enabled(), endpoint.createdAt(),
                endpoint.keys().current().value());
    }
}
