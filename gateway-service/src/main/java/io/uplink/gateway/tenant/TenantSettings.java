package io.uplink.gateway.tenant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** The parts of a tenant's settings (owned by metadata-service) that the gateway enforces. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TenantSettings(RateLimit rateLimit, List<String> corsOrigins) {

    public TenantSettings {
        corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RateLimit(double requestsPerSecond, long burst) {
    }
}
