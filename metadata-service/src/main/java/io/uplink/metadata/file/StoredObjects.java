package io.uplink.metadata.file;

import io.uplink.metadata.storage.ObjectStores;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Deletes a file's object wherever it is: in its own store and, for each copy made, in the replica's store; the
 * replica rows go with them. S3's delete is idempotent, so a repeat after a failure part-way is harmless.
 */
@Component
public class StoredObjects {

    private final ObjectStores stores;
    private final Replicas replicas;
    private final JdbcClient jdbc;

    public StoredObjects(ObjectStores stores, Replicas replicas, JdbcClient jdbc) {
        this.stores = stores;
        this.replicas = replicas;
        this.jdbc = jdbc;
    }

    public void deleteEverywhere(UUID fileId, String storageTarget, String bucket, String key, String versionId) {
        stores.named(storageTarget).delete(bucket, key, versionId);
        for (Replicas.Replica copy : replicas.of(fileId)) {
            if (copy.bucket() != null) {
                stores.named(copy.storageTarget()).delete(copy.bucket(), key, null);
            }
        }
        jdbc.sql("delete from metadata.file_replicas where file_id = ?").param(fileId).update();
    }
}
