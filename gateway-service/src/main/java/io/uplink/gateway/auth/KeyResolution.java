package io.uplink.gateway.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.uplink.gateway.tenant.TenantSettings;

import java.util.List;

/** metadata-service's answer to {@code GET /internal/v1/api-keys/{sha256hex}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KeyResolution(String keyId, String tenantId, String keyStatus, String tenantStatus, List<String> roles,
                            TenantSettings settings) {

    public boolean keyActive() {
        return "active".equals(keyStatus);
    }

    public boolean tenantActive() {
        return tenantStatus == null || "active".equals(tenantStatus);
    }
}
