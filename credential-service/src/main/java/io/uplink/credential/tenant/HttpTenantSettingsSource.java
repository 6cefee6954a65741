package io.uplink.credential.tenant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.uplink.contracts.EventJson;
import io.uplink.credential.storage.StorageRouting;

import java.net.http.HttpResponse;
import java.util.List;

/** Reads settings from metadata-service's {@code GET /api/v1/tenants/{id}} through the {@link TenantRegistry}. */
class HttpTenantSettingsSource implements TenantSettingsSource {

    private final TenantRegistry registry;
    private final TenantSettings defaults;

    HttpTenantSettingsSource(TenantRegistry registry, TenantSettings defaults) {
        if (!registry.configured()) {
            throw new IllegalArgumentException("at least one metadata-service instance is needed");
        }
        this.registry = registry;
        this.defaults = defaults;
    }

    @Override
    public TenantSettings settingsFor(String tenantId) {
        HttpResponse<byte[]> response = registry.get(tenantId, "");
        if (response.statusCode() == 404) {
            throw new TenantUnavailableException("tenant '" + tenantId + "' is not registered");
        }
        if (response.statusCode() != 200) {
            throw new TenantLookupFailedException("tenant registry answered " + response.statusCode(), null);
        }
        TenantDocument tenant;
        try {
            tenant = EventJson.mapper().readValue(response.body(), TenantDocument.class);
        } catch (RuntimeException e) {
            throw new TenantLookupFailedException("tenant registry sent an unreadable tenant document", e);
        }
        if (!"active".equalsIgnoreCase(tenant.status())) {
            throw new TenantUnavailableException("tenant '" + tenantId + "' is " + tenant.status());
        }
        return tenant.settings() == null ? defaults : tenant.settings().withDefaults(defaults);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TenantDocument(String id, String status, RegistrySettings settings) {
    }

    /** The registry may leave any field out; boxed so that absence is visible. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RegistrySettings(Long maxObjectSize, List<String> allowedContentTypes, Long credentialTtlSeconds,
                            String storageTarget, TenantSettings.Quotas quotas, List<String> storageTargets,
                            List<StorageRouting.Route> storageRoutes) {

        TenantSettings withDefaults(TenantSettings defaults) {
            return new TenantSettings(
                    maxObjectSize != null && maxObjectSize > 0 ? maxObjectSize : defaults.maxObjectSize(),
                    allowedContentTypes == null || allowedContentTypes.isEmpty() ? defaults.allowedContentTypes()
                            : allowedContentTypes,
                    credentialTtlSeconds != null && credentialTtlSeconds > 0 ? credentialTtlSeconds
                            : defaults.credentialTtlSeconds(),
                    storageTarget == null || storageTarget.isBlank() ? defaults.storageTarget() : storageTarget,
                    quotas == null ? TenantSettings.Quotas.NONE : quotas,
                    new StorageRouting(storageTargets, storageRoutes));
        }
    }
}
