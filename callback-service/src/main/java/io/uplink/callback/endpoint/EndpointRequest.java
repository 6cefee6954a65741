package io.uplink.callback.endpoint;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/**
 * Create or replace an endpoint.
 *
 * @param eventTypes empty or absent: every event type
 * @param rateLimit deliveries per second to this endpoint; absent: only the service-wide limits apply
 */
public record EndpointRequest(
        @NotBlank @Size(max = 2048) String url,
        @Size(max = 512) String description,
        @Size(max = 50) List<@NotBlank @Size(max = 100) String> eventTypes,
        @Min(1) @Max(10_000) Integer rateLimit,
        @Size(max = 50) Map<@NotBlank @Size(max = 64) String, @Size(max = 512) String> metadata) {
}
