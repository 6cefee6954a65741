package io.uplink.credential.download;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.uplink.contracts.EventJson;
import io.uplink.credential.session.UploadSessionRepository;
import io.uplink.credential.storage.StorageTarget;
import io.uplink.credential.storage.StorageTargets;
import io.uplink.credential.storage.TenantStorage;
import io.uplink.credential.tenant.TenantLookupFailedException;
import io.uplink.credential.tenant.TenantRegistry;
import org.springframework.stereotype.Component;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The store an object is in: the one its upload's credential was minted for (its session remembers it), so a
 * tenant that moved to another store still downloads its earlier files from where they are. For an object without a
 * session (uploaded with STS credentials, or reported only by the store) metadata-service's row says where it is
 * ({@code GET /api/v1/tenants/{id}/file-locations}); only when it has none either (not recorded yet) is it taken to
 * be in the tenant's current store.
 */
@Component
class ObjectStores {

    private final UploadSessionRepository sessions;
    private final StorageTargets targets;
    private final TenantStorage tenants;
    private final TenantRegistry registry;

    ObjectStores(UploadSessionRepository sessions, StorageTargets targets, TenantStorage tenants,
                 TenantRegistry registry) {
        this.sessions = sessions;
        this.targets = targets;
        this.tenants = tenants;
        this.registry = registry;
    }

    Location of(String tenantId, String key) {
        return sessions.findByKey(tenantId, key)
                .map(session -> new Location(targets.named(session.storageTarget()), session.bucket()))
                .or(() -> recorded(tenantId, key))
                .orElseGet(() -> {
                    StorageTarget current = tenants.of(tenantId);
                    return new Location(current, current.bucket());
                });
    }

    /** Where metadata-service recorded the key, if it did (and can be asked). */
    private Optional<Location> recorded(String tenantId, String key) {
        if (!registry.configured()) {
            return Optional.empty();
        }
        HttpResponse<byte[]> response = registry.get(tenantId,
                "/file-locations?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new TenantLookupFailedException("file locations answered " + response.statusCode(), null);
        }
        RecordedLocation location = EventJson.read(response.body(), RecordedLocation.class);
        return Optional.of(new Location(targets.named(location.storageTarget()), location.bucket()));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RecordedLocation(String storageTarget, String bucket) {
    }

    StorageTarget ofTenant(String tenantId) {
        return tenants.of(tenantId);
    }

    /** @param bucket the object's bucket (its upload's, should the target's bucket have changed since) */
    record Location(StorageTarget target, String bucket) {
    }
}
