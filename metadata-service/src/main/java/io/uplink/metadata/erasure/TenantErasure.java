package io.uplink.metadata.erasure;

import io.uplink.contracts.Topics;
import io.uplink.metadata.apikey.TenantApiKeys;
import io.uplink.metadata.file.TenantFiles;
import io.uplink.metadata.outbox.Outbox;
import io.uplink.metadata.storage.ObjectStores;
import io.uplink.metadata.tenant.Tenant;
import io.uplink.metadata.tenant.TenantRepository;
import io.uplink.service.ids.TimeOrderedIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Erases a tenant: suspends it (no new credentials once the services' caches notice), deletes its objects in every
 * store (everything under {@code tenants/<id>/} and {@code quarantine/tenants/<id>/} of each configured bucket and of
 * every bucket its files name, and each object version they name; multipart uploads in progress there are aborted),
 * then in one transaction removes its file rows,
 * API keys and the tenant itself and writes {@code tenant.erased} to the outbox, on which callback-service removes its
 * endpoints, messages and deliveries. Objects go first: a failure part-way leaves the tenant suspended and the
 * erasure can simply be asked for again. A tenant with files under legal hold is not erased (409).
 */
@Component
public class TenantErasure {

    private static final Logger log = LoggerFactory.getLogger(TenantErasure.class);

    private final TenantRepository tenants;
    private final TenantFiles files;
    private final TenantApiKeys keys;
    private final ObjectStores stores;
    private final Outbox outbox;
    private final TransactionTemplate transaction;

    public TenantErasure(TenantRepository tenants, TenantFiles files, TenantApiKeys keys, ObjectStores stores,
                         Outbox outbox, TransactionTemplate transaction) {
        this.tenants = tenants;
        this.files = files;
        this.keys = keys;
        this.stores = stores;
        this.outbox = outbox;
        this.transaction = transaction;
    }

    public ErasureReport erase(String tenantId) {
        if (tenants.find(tenantId).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no tenant '" + tenantId + "'");
        }
        long held = files.underLegalHold(tenantId);
        if (held > 0) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "tenant '" + tenantId + "' has " + held
                    + " files under legal hold: release them before erasing it");
        }
        tenants.setStatus(tenantId, Tenant.SUSPENDED);
        Map<String, Integer> aborted = new LinkedHashMap<>();
        Map<String, Integer> objects = deleteObjects(tenantId, aborted);
        Instant erasedAt = Instant.now();
        int[] removed = transaction.execute(status -> {
            int fileRows = files.deleteAll(tenantId);
            int apiKeys = keys.deleteAll(tenantId);
            tenants.delete(tenantId);
            outbox.add(new TenantErased(TimeOrderedIds.next(), tenantId, erasedAt));
            return new int[] {fileRows, apiKeys};
        });
        ErasureReport report = new ErasureReport(tenantId, objects, aborted, removed[0], removed[1],
                Topics.TENANTS_EVENTS, erasedAt);
        log.info("Erased tenant {}: {}", tenantId, report);
        return report;
    }

    private Map<String, Integer> deleteObjects(String tenantId, Map<String, Integer> aborted) {
        Set<TenantFiles.Location> locations = new LinkedHashSet<>();
        stores.bucketsByStore().forEach((store, bucket) -> locations.add(new TenantFiles.Location(store, bucket)));
        locations.addAll(files.locations(tenantId));
        Map<String, Integer> deleted = new LinkedHashMap<>();
        for (TenantFiles.Version version : files.versions(tenantId)) {
            stores.named(version.storageTarget()).delete(version.bucket(), version.key(), version.versionId());
            deleted.merge(version.storageTarget(), 1, Integer::sum);
        }
        for (TenantFiles.Location location : locations) {
            var store = stores.named(location.storageTarget());
            aborted.merge(location.storageTarget(),
                    store.abortUploads(location.bucket(), "tenants/" + tenantId + "/"), Integer::sum);
            int count = store.deletePrefix(location.bucket(), "tenants/" + tenantId + "/")
                    + store.deletePrefix(location.bucket(), "quarantine/tenants/" + tenantId + "/");
            deleted.merge(location.storageTarget(), count, Integer::sum);
        }
        return deleted;
    }
}
