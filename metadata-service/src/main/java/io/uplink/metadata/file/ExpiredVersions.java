package io.uplink.metadata.file;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * Active files older than their tenant's {@code retentionDays}, not under legal hold: the retention sweeper deletes
 * their objects and then {@link FileRepository#markDeleted} them ({@code file.deleted}). Must run inside the caller's
 * transaction: claimed rows stay locked until it ends.
 */
@Component
public class ExpiredVersions {

    /** An expired file, where its object is. */
    public record Expired(UUID id, String tenantId, String storageTarget, String bucket, String key, String versionId) {
    }

    private final JdbcClient jdbc;

    public ExpiredVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks up to {@code limit} of the oldest expired files due, skipping those another instance holds. */
    public List<Expired> claim(int limit) {
        return jdbc.sql("select f.id, f.tenant_id, f.storage_target, f.bucket, f.object_key, f.version_id"
                        + " from metadata.tenants t join metadata.files f on f.tenant_id = t.id"
                        + " where t.settings ->> 'retentionDays' is not null and f.status = '" + FileEvents.ACTIVE + "'"
                        + " and not f.legal_hold"
                        + " and f.created_at < now() - make_interval(days => (t.settings ->> 'retentionDays')::int)"
                        + " and (f.retention_retry_at is null or f.retention_retry_at <= now())"
                        + " order by f.created_at limit ? for update of f skip locked")
                .param(limit)
                .query((rows, i) -> new Expired(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getString(5), rows.getString(6)))
                .list();
    }

    /** After a failed delete: due again in ten minutes. */
    public void postpone(UUID id) {
        jdbc.sql("update metadata.files set retention_retry_at = now() + interval '10 minutes' where id = ?")
                .param(id).update();
    }
}
