package io.uplink.metadata.file;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/** All of one tenant's file rows at once, for its erasure. */
@Component
public class TenantFiles {

    /** A store and bucket the tenant has files in. */
    public record Location(String storageTarget, String bucket) {
    }

    /** An object version a row names (versioned buckets), deleted by its version id. */
    public record Version(String storageTarget, String bucket, String key, String versionId) {
    }

    private final JdbcClient jdbc;

    public TenantFiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long underLegalHold(String tenantId) {
        return jdbc.sql("select count(*) from metadata.files where tenant_id = ? and legal_hold").param(tenantId)
                .query(Long.class).single();
    }

    public List<Location> locations(String tenantId) {
        return jdbc.sql("select distinct storage_target, bucket from metadata.files where tenant_id = ?")
                .param(tenantId).query((rows, i) -> new Location(rows.getString(1), rows.getString(2))).list();
    }

    public List<Version> versions(String tenantId) {
        return jdbc.sql("select storage_target, bucket, coalesce(quarantine_key, object_key), version_id"
                        + " from metadata.files where tenant_id = ? and version_id is not null"
                        + " and status <> '" + SequencedVersions.DELETED + "'")
                .param(tenantId)
                .query((rows, i) -> new Version(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getString(4)))
                .list();
    }

    /** @return how many rows were removed */
    public int deleteAll(String tenantId) {
        return jdbc.sql("delete from metadata.files where tenant_id = ?").param(tenantId).update();
    }
}
