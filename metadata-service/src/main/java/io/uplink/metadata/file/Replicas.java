package io.uplink.metadata.file;

import io.uplink.metadata.sql.UnnestParameters;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The copies of active files in their tenant's {@code replicateTo} store: the one place replicas are asked for (when
 * a file becomes active), leased by the replication sweeper, and recorded as done or postponed. A lease is taken in
 * one statement of its own, so no lock is held while bytes travel between stores; a lease that ends without a record
 * (the instance died) is simply taken again.
 */
@Component
public class Replicas {

    /** A replica to make: the file's object where it is, and the store the copy goes to. */
    public record Due(UUID fileId, String tenantId, String sourceTarget, String sourceBucket, String key,
                      String versionId, long size, String contentType, String target) {
    }

    /** A file's copy as the files API shows it. */
    public record Replica(String storageTarget, String bucket, String status, Instant replicatedAt) {
    }

    /** A file that became active, and the store its tenant replicates to. */
    record Wanted(UUID fileId, String target) {
    }

    private final JdbcTemplate jdbc;

    public Replicas(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Asks for the copies, once: a file that already has one in that store keeps it. */
    void want(List<Wanted> wanted) {
        if (wanted.isEmpty()) {
            return;
        }
        jdbc.execute((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement("insert into metadata.file_replicas"
                    + " (file_id, storage_target) select * from "
                    + UnnestParameters.rows("file_id uuid", "storage_target text") + " t"
                    + " on conflict do nothing")) {
                UnnestParameters.of(connection, statement, wanted).uuid(Wanted::fileId).text(Wanted::target);
                return statement.executeUpdate();
            }
        });
    }

    /** How long a leased copy is left to its sweeper before another may take it. */
    static final String LEASE = "30 minutes";

    /**
     * Leases up to {@code limit} of the oldest pending copies due (of active files), skipping rows another instance
     * is leasing at this moment.
     */
    public List<Due> lease(int limit) {
        return jdbc.query("update metadata.file_replicas r set retry_at = now() + interval '" + LEASE + "'"
                        + " from (select r2.file_id, r2.storage_target from metadata.file_replicas r2"
                        + " join metadata.files f2 on f2.id = r2.file_id"
                        + " where r2.status = 'pending' and f2.status = '" + FileEvents.ACTIVE + "'"
                        + " and (r2.retry_at is null or r2.retry_at <= now())"
                        + " order by r2.created_at limit ? for update of r2 skip locked) due, metadata.files f"
                        + " where r.file_id = due.file_id and r.storage_target = due.storage_target and f.id = r.file_id"
                        + " returning r.file_id, f.tenant_id, f.storage_target, f.bucket, f.object_key, f.version_id,"
                        + " f.size, f.content_type, r.storage_target",
                (rows, i) -> new Due(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getString(5), rows.getString(6), rows.getLong(7), rows.getString(8),
                        rows.getString(9)),
                limit);
    }

    /** @return false when the copy is no longer wanted (its file was deleted meanwhile): the caller removes it */
    public boolean done(UUID fileId, String target, String bucket) {
        return jdbc.update("update metadata.file_replicas set status = 'done', bucket = ?, replicated_at = now(),"
                + " last_error = null, retry_at = null where file_id = ? and storage_target = ? and status = 'pending'",
                bucket, fileId, target) == 1;
    }

    /** After a failed copy: due again after a doubling backoff, at most an hour; retried until it is done. */
    public void postpone(UUID fileId, String target, String error) {
        jdbc.update("update metadata.file_replicas set attempts = attempts + 1, last_error = ?, retry_at ="
                        + " now() + least(power(2, attempts), 3600) * interval '1 second'"
                        + " where file_id = ? and storage_target = ?",
                error.length() > 500 ? error.substring(0, 500) : error, fileId, target);
    }

    public List<Replica> of(UUID fileId) {
        return jdbc.query("select storage_target, bucket, status, replicated_at from metadata.file_replicas"
                        + " where file_id = ? order by storage_target",
                (rows, i) -> new Replica(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getTimestamp(4) == null ? null : rows.getTimestamp(4).toInstant()),
                fileId);
    }
}
