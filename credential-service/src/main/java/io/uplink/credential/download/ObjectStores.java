package io.uplink.credential.download;

import io.uplink.credential.session.UploadSessionRepository;
import io.uplink.credential.storage.StorageTarget;
import io.uplink.credential.storage.StorageTargets;
import io.uplink.credential.storage.TenantStorage;
import org.springframework.stereotype.Component;

/**
 * The store an object is in: the one its upload's credential was minted for (its session remembers it), so a
 * tenant that moved to another store still downloads its earlier files from where they are. An object without a
 * session (uploaded with STS credentials, or reported only by the store) is in the tenant's current store.
 */
@Component
class ObjectStores {

    private final UploadSessionRepository sessions;
    private final StorageTargets targets;
    private final TenantStorage tenants;

    ObjectStores(UploadSessionRepository sessions, StorageTargets targets, TenantStorage tenants) {
        this.sessions = sessions;
        this.targets = targets;
        this.tenants = tenants;
    }

    Location of(String tenantId, String key) {
        return sessions.findByKey(tenantId, key)
                .map(session -> new Location(targets.named(session.storageTarget()), session.bucket()))
                .orElseGet(() -> {
                    StorageTarget current = tenants.of(tenantId);
                    return new Location(current, current.bucket());
                });
    }

    StorageTarget ofTenant(String tenantId) {
        return tenants.of(tenantId);
    }

    /** @param bucket the object's bucket (its upload's, should the target's bucket have changed since) */
    record Location(StorageTarget target, String bucket) {
    }
}
