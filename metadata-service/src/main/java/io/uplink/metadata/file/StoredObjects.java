package io.uplink.metadata.file;

import io.uplink.metadata.storage.ObjectStores;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * Deletes a file's object wherever it is: in its own store and, for each copy made, in the replica's store. The
 * replica rows go first: a copy the replication sweeper is making holds its row, so the delete waits for it and then
 * knows the copy's bucket; a copy not begun is never made. S3's delete is idempotent, and a failure rolls the rows
 * back, so a repeat after a failure part-way is harmless.
 */
@Component
public class StoredObjects {

    private record Copy(String storageTarget, String bucket) {
    }

    private final ObjectStores stores;
    private final JdbcClient jdbc;

    public StoredObjects(ObjectStores stores, JdbcClient jdbc) {
        this.stores = stores;
        this.jdbc = jdbc;
    }

    @Transactional
    public void deleteEverywhere(UUID fileId, String storageTarget, String bucket, String key, String versionId) {
        List<Copy> copies = removeCopies(fileId);
        stores.named(storageTarget).delete(bucket, key, versionId);
        deleteCopies(copies, key);
    }

    /** The file's copies only: a rejected file's object is quarantined, its copies must not stay at the key. */
    @Transactional
    public void deleteCopies(UUID fileId, String key) {
        deleteCopies(removeCopies(fileId), key);
    }

    private List<Copy> removeCopies(UUID fileId) {
        return jdbc.sql("delete from metadata.file_replicas where file_id = ? returning storage_target, bucket")
                .param(fileId).query((rows, i) -> new Copy(rows.getString(1), rows.getString(2))).list();
    }

    private void deleteCopies(List<Copy> copies, String key) {
        for (Copy copy : copies) {
            if (copy.bucket() != null) { // null: not copied yet
                stores.named(copy.storageTarget()).delete(copy.bucket(), key, null);
            }
        }
    }
}
