package io.uplink.metadata.file;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * The rejected versions whose object still has to be moved to quarantine, and the record of each move. Must run
 * inside the caller's transaction: claimed rows stay locked until it ends.
 */
@Component
public class RejectedVersions {

    /** A rejected version whose object is still at its key, as far as we know. */
    public record Awaiting(UUID id, String storageTarget, String bucket, String key, String versionId, long size) {
    }

    private final JdbcClient jdbc;

    public RejectedVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks up to {@code limit} of the oldest rows due, skipping those another instance holds. */
    public List<Awaiting> claimAwaitingQuarantine(int limit) {
        return jdbc.sql("select id, storage_target, bucket, object_key, version_id, size from metadata.files"
                        + " where status = '" + FileEvents.REJECTED + "' and quarantined_at is null"
                        + " and (quarantine_retry_at is null or quarantine_retry_at <= now())"
                        + " order by created_at limit ? for update skip locked")
                .param(limit)
                .query((rows, i) -> new Awaiting(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getString(5), rows.getLong(6)))
                .list();
    }

    /** @param quarantineKey where the object is now; null when it was already gone */
    public void markQuarantined(UUID id, String quarantineKey) {
        jdbc.sql("update metadata.files set quarantine_key = ?, quarantined_at = now() where id = ?")
                .params(quarantineKey, id).update();
    }

    /** After a failed move: due again after a doubling backoff, at most an hour. */
    public void postponeQuarantine(UUID id) {
        jdbc.sql("update metadata.files set quarantine_attempts = quarantine_attempts + 1, quarantine_retry_at ="
                        + " now() + least(power(2, quarantine_attempts), 3600) * interval '1 second' where id = ?")
                .param(id).update();
    }
}
