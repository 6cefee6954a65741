package io.uplink.metadata.file;

import io.uplink.metadata.limits.TenantLimits;
import io.uplink.metadata.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The versions held {@code pending} until the scanner answers, and the record of each answer: the one place a
 * pending file becomes active ({@code file.created}) or rejected ({@code file.rejected}; the quarantine sweeper then
 * moves its object). A scan is leased in one statement of its own, so no lock is held while the bytes go to the
 * scanner; each answer is recorded in a transaction of its own, and only for a file still pending (one deleted
 * meanwhile stays deleted, unannounced).
 */
@Component
public class PendingVersions {

    /** A pending version, where its object is. */
    public record Awaiting(UUID id, String tenantId, String storageTarget, String bucket, String key, String versionId,
                           long size) {
    }

    private final JdbcClient jdbc;
    private final FileRepository files;
    private final Outbox outbox;
    private final TenantLimits limits;
    private final Replicas replicas;

    public PendingVersions(JdbcClient jdbc, FileRepository files, Outbox outbox, TenantLimits limits,
                           Replicas replicas) {
        this.jdbc = jdbc;
        this.files = files;
        this.outbox = outbox;
        this.limits = limits;
        this.replicas = replicas;
    }

    /** The scan result of a file whose bytes changed since it was announced: its verdict is a {@code file.updated}. */
    static final String RESCAN = "pending: new content since the last scan";

    /** How long a leased scan is left to its sweeper before another may take it. */
    static final String LEASE = "30 minutes";

    /** Leases up to {@code limit} of the oldest pending files due, skipping rows another instance leases now. */
    public List<Awaiting> lease(int limit) {
        return jdbc.sql("update metadata.files set scan_retry_at = now() + interval '" + LEASE + "'"
                        + " where id in (select id from metadata.files where status = '" + FileEvents.PENDING + "'"
                        + " and (scan_retry_at is null or scan_retry_at <= now())"
                        + " order by created_at limit ? for update skip locked)"
                        + " returning id, tenant_id, storage_target, bucket, object_key, version_id, size")
                .param(limit)
                .query((rows, i) -> new Awaiting(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getString(5), rows.getString(6), rows.getLong(7)))
                .list();
    }

    /** The scanner found nothing: the file is active and announced as {@code file.created}. */
    @Transactional
    public void clean(UUID id, String scanResult) {
        boolean rescanned = RESCAN.equals(jdbc.sql("select scan_result from metadata.files where id = ? for update")
                .param(id).query(String.class).optional().orElse(null));
        if (jdbc.sql("update metadata.files set status = '" + FileEvents.ACTIVE + "', scan_result = ?, scanned_at = now(),"
                        + " updated_at = now() where id = ? and status = '" + FileEvents.PENDING + "'")
                .params(scanResult, id).update() == 0) {
            return; // deleted while it was scanned
        }
        StoredFile file = announce(id, rescanned ? FileUpdated::new : FileCreated::new);
        String replicateTo = limits.of(List.of(file.tenantId())).forTenant(file.tenantId()).replicateTo();
        if (replicateTo != null && !replicateTo.equals(file.storageTarget())) {
            replicas.want(List.of(new Replicas.Wanted(id, replicateTo)));
        }
    }

    /** The scanner found something, or the file cannot be scanned: rejected, announced, then quarantined. */
    @Transactional
    public void reject(UUID id, String scanResult, String rejectionReason) {
        if (jdbc.sql("update metadata.files set status = '" + FileEvents.REJECTED + "', scan_result = ?, scanned_at = now(),"
                        + " rejection_reason = ?, updated_at = now() where id = ? and status = '"
                        + FileEvents.PENDING + "'")
                .params(scanResult, rejectionReason, id).update() == 0) {
            return;
        }
        announce(id, FileRejected::new);
    }

    /** The object was gone before it could be scanned: deleted, and as nobody heard of it, not announced. */
    public void gone(UUID id) {
        jdbc.sql("update metadata.files set status = 'deleted', deleted_at = now(), updated_at = now()"
                        + " where id = ? and status = '" + FileEvents.PENDING + "'")
                .param(id).update();
    }

    /** No verdict: due again after a doubling backoff, at most ten minutes. */
    public void postpone(UUID id) {
        jdbc.sql("update metadata.files set scan_attempts = scan_attempts + 1, scan_retry_at ="
                        + " now() + least(power(2, scan_attempts), 600) * interval '1 second' where id = ?")
                .param(id).update();
    }

    private StoredFile announce(UUID id, FileEvents.Type<?> type) {
        StoredFile file = files.find(id, null).orElseThrow();
        outbox.add(FileEvents.about(file, Instant.now(), type));
        return file;
    }
}
