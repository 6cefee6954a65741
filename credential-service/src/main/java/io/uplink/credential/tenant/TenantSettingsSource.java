package io.uplink.credential.tenant;

/** Where a tenant's upload rules come from. */
public interface TenantSettingsSource {

    /**
     * @throws TenantUnavailableException when the tenant is unknown or suspended
     * @throws TenantLookupFailedException when the registry cannot be reached
     */
    TenantSettings settingsFor(String tenantId);
}
