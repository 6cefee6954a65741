package io.uplink.credential.tenant;

/** Every tenant gets the configured defaults: for running without metadata-service. */
class ConfiguredTenantSettingsSource implements TenantSettingsSource {

    private final TenantSettings defaults;

    ConfiguredTenantSettingsSource(TenantSettings defaults) {
        this.defaults = defaults;
    }

    @Override
    public TenantSettings settingsFor(String tenantId) {
        return defaults;
    }
}
