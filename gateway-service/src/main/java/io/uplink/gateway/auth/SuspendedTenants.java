package io.uplink.gateway.auth;

import io.uplink.gateway.problem.GatewayProblemException;
import io.uplink.gateway.tenant.TenantSettingsSource;
import org.springframework.http.HttpStatus;

import java.util.Optional;

/**
 * A suspended tenant is refused whatever the credential: API keys learn the status with the key, JWTs and upload
 * tokens from the tenant registry (cached like keys, so a suspension holds within the key cache's age). A tenant
 * the registry cannot be asked about right now is let through with the gateway's defaults, as before.
 */
final class SuspendedTenants {

    private SuspendedTenants() {
    }

    static Optional<TenantSettingsSource.Tenant> refuse(Optional<TenantSettingsSource.Tenant> tenant) {
        if (tenant.isPresent() && tenant.get().isSuspended()) {
            throw new GatewayProblemException(HttpStatus.FORBIDDEN, "Forbidden", "tenant suspended");
        }
        return tenant;
    }
}
