package io.uplink.credential.storage;

import io.uplink.credential.tenant.TenantSettings;
import io.uplink.credential.tenant.TenantSettingsSource;
import org.springframework.stereotype.Component;

/** The storage target a tenant's settings name. */
@Component
public class TenantStorage {

    private final TenantSettingsSource tenants;
    private final StorageTargets targets;

    TenantStorage(TenantSettingsSource tenants, StorageTargets targets) {
        this.tenants = tenants;
        this.targets = targets;
    }

    public StorageTarget of(String tenantId) {
        return of(tenants.settingsFor(tenantId));
    }

    public StorageTarget of(TenantSettings settings) {
        return targets.named(settings.storageTarget());
    }
}
