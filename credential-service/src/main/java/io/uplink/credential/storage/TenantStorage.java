package io.uplink.credential.storage;

import io.uplink.credential.policy.UploadIntent;
import io.uplink.credential.tenant.TenantSettings;
import io.uplink.credential.tenant.TenantSettingsSource;
import org.springframework.stereotype.Component;

/** The storage target a tenant's settings name, and the one each of its uploads goes to. */
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

    /**
     * The store an upload goes to: the target it names, when the tenant may use it, else the tenant's routing.
     *
     * @throws StorageTargetNotAllowedException when it names a target the tenant may not use
     */
    public StorageTarget forUpload(TenantSettings settings, UploadIntent intent) {
        return targets.named(settings.routing().targetFor(settings.storageTarget(), intent.target(),
                intent.contentType(), intent.size()));
    }
}
