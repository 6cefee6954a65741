package io.uplink.metadata.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every configured store by name, each with its one S3 client. A file's object is deleted and quarantined in the
 * store its row names, whatever store its tenant uses today.
 */
@Component
public class ObjectStores implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ObjectStores.class);

    private final Map<String, ObjectStorage> stores;
    /** Each store's configured bucket. */
    private final Map<String, String> buckets;
    /** Which store a bucket is in, for notifications (which name only the bucket); the default store wins a tie. */
    private final Map<String, String> targetOfBucket;

    public ObjectStores(StorageProperties properties) {
        Map<String, StorageProperties.Store> configured = new LinkedHashMap<>();
        configured.put(StorageProperties.DEFAULT_TARGET, properties.defaultStore());
        properties.targets().forEach((name, store) -> {
            if (StorageProperties.DEFAULT_TARGET.equals(name)) {
                throw new IllegalStateException("uplink.metadata.storage.targets.default: the default store is"
                        + " configured by uplink.metadata.storage.* itself (UPLINK_S3_*)");
            }
            if (store.bucket() == null || store.bucket().isBlank()) {
                throw new IllegalStateException("uplink.metadata.storage.targets." + name + ".bucket is required");
            }
            configured.put(name, store);
        });
        Map<String, ObjectStorage> clients = new LinkedHashMap<>();
        Map<String, String> buckets = new LinkedHashMap<>();
        configured.forEach((name, store) -> {
            clients.put(name, new ObjectStorage(store));
            String earlier = buckets.putIfAbsent(store.bucket(), name);
            if (earlier != null) {
                log.warn("Stores '{}' and '{}' both hold bucket '{}': its notifications are taken to come from '{}'",
                        earlier, name, store.bucket(), earlier);
            }
        });
        this.stores = Map.copyOf(clients);
        Map<String, String> bucketOf = new LinkedHashMap<>();
        configured.forEach((name, store) -> bucketOf.put(name, store.bucket()));
        this.buckets = Map.copyOf(bucketOf);
        this.targetOfBucket = Map.copyOf(buckets);
    }

    /** @throws UnknownStorageTargetException when this service has no store of that name */
    public ObjectStorage named(String target) {
        ObjectStorage store = stores.get(target);
        if (store == null) {
            throw new UnknownStorageTargetException(target);
        }
        return store;
    }

    /** Every configured store's name and its configured bucket. */
    public Map<String, String> bucketsByStore() {
        return buckets;
    }

    /** The store a bucket named in a storage notification is in; {@code default} for a bucket nobody configured. */
    public String targetOf(String bucket) {
        return targetOfBucket.getOrDefault(bucket, StorageProperties.DEFAULT_TARGET);
    }

    @Override
    public void destroy() {
        stores.values().forEach(ObjectStorage::close);
    }
}
