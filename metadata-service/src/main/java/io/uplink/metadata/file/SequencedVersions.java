package io.uplink.metadata.file;

import io.uplink.contracts.EventJson;
import io.uplink.metadata.limits.TenantLimits;
import io.uplink.metadata.limits.UploadLimits;
import io.uplink.metadata.outbox.Outbox;
import io.uplink.service.ids.TimeOrderedIds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The files-table rows of object versions whose state follows storage sequencers, changed one at a time: the caller
 * locks a version's row, decides by sequencer what a notification means for it, and applies that here; a change of
 * status writes its event. Must run inside the caller's transaction.
 */
@Component
public class SequencedVersions {

    static final String DELETED = "deleted";

    /**
     * A version's row as locked.
     *
     * @param sequencer        of the event that last set the status
     * @param contentSequencer of the create whose attributes the row holds; null if none has
     */
    public record Row(UUID id, String status, String sequencer, String contentSequencer, String source) {

        public boolean active() {
            return FileEvents.ACTIVE.equals(status);
        }

        /** Waiting for the scanner: only the scan sweeper makes it active. */
        public boolean pending() {
            return FileEvents.PENDING.equals(status);
        }

        /** Broke its tenant's limits: quarantined for good, later notifications change nothing. */
        public boolean rejected() {
            return FileEvents.REJECTED.equals(status);
        }
    }

    private final JdbcTemplate jdbc;
    private final NewFileVersions newVersions;
    private final FileRepository files;
    private final Outbox outbox;
    private final TenantLimits limits;
    private final HeldForScan heldForScan;
    private final Replicas replicas;

    public SequencedVersions(JdbcTemplate jdbc, NewFileVersions newVersions, FileRepository files, Outbox outbox,
                             TenantLimits limits, HeldForScan heldForScan, Replicas replicas) {
        this.replicas = replicas;
        this.jdbc = jdbc;
        this.newVersions = newVersions;
        this.files = files;
        this.outbox = outbox;
        this.limits = limits;
        this.heldForScan = heldForScan;
    }

    /** Locks the version's row until the transaction ends. */
    public Optional<Row> lock(String bucket, String key, String versionId) {
        List<Row> rows = jdbc.query("select id, status, sequencer, content_sequencer, source from metadata.files"
                        + " where bucket = ? and object_key = ? and version_id is not distinct from ? for update",
                (row, i) -> new Row(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                        row.getString(4), row.getString(5)),
                bucket, key, versionId);
        return rows.stream().findFirst();
    }

    /** @return false when the version was already recorded (another transaction inserted it first) */
    public boolean insertCreated(NewVersion version) {
        return newVersions.record(List.of(version))[0];
    }

    /**
     * Records a version whose first news is its removal, so that a create arriving later stays deleted. No event:
     * no one has seen the file.
     *
     * @return false when the version was already recorded
     */
    public boolean insertDeleted(String tenantId, String storageTarget, String bucket, String key, String versionId,
                                 String source, String sequencer, Instant deletedAt) {
        return jdbc.update("insert into metadata.files (id, tenant_id, storage_target, bucket, object_key, version_id,"
                        + " size, user_metadata, status, source, source_event_id, sequencer, created_at, deleted_at)"
                        + " values (?, ?, ?, ?, ?, ?, 0, '{}'::jsonb, '" + DELETED + "', ?, ?, ?, ?, ?)"
                        + " on conflict (bucket, object_key, version_id) do nothing",
                TimeOrderedIds.next(), tenantId, storageTarget, bucket, key, versionId, source, sequencer, sequencer,
                utc(deletedAt), utc(deletedAt)) == 1;
    }

    /** Notes the create's sequencer without taking its attributes (another signal described the version). */
    public void markContentSeen(Row row, String contentSequencer) {
        jdbc.update("update metadata.files set content_sequencer = ? where id = ?", contentSequencer, row.id());
    }

    /** Takes the attributes of a later create, whose sequencer {@code content.sequencer()} is. */
    public void replaceContent(Row row, NewVersion content) {
        jdbc.update("update metadata.files set size = ?, content_type = ?, etag = ?, original_filename = ?,"
                        + " user_metadata = ?::jsonb, content_sequencer = ?, created_at = ?, updated_at = now()"
                        + " where id = ?",
                content.size(), content.contentType(), content.etag(), content.originalFilename(),
                EventJson.writeString(content.metadata()), content.sequencer(), utc(content.createdAt()), row.id());
        UploadLimits tenant = limits.of(List.of(content.tenantId())).forTenant(content.tenantId());
        if (row.active() && heldForScan.holds(tenant)) {
            // new bytes under a scanned key (an overwrite): scanned before anyone is told of them, copied after
            jdbc.update("update metadata.files set status = '" + FileEvents.PENDING + "', scan_result = ?,"
                    + " scan_attempts = 0, scan_retry_at = null where id = ?", PendingVersions.RESCAN, row.id());
        }
        if (tenant.replicateTo() != null) {
            jdbc.update("update metadata.file_replicas set status = 'pending', retry_at = null where file_id = ?",
                    row.id());
        }
    }

    /**
     * Makes the version active as of {@code sequencer}; a deleted one comes back with a {@code file.created}, or,
     * when its content breaks its tenant's limits, is rejected with a {@code file.rejected}, or, when its tenant's
     * uploads are scanned, waits for the scanner again. A pending one stays pending: only a verdict activates it.
     */
    public void activate(Row row, String sequencer, Instant occurredAt) {
        if (!DELETED.equals(row.status())) {
            // active or pending (perhaps just now, by new content): the status stays, only a verdict changes it
            jdbc.update("update metadata.files set sequencer = ?, updated_at = now() where id = ?", sequencer, row.id());
            return;
        }
        StoredFile file = files.find(row.id(), null).orElseThrow();
        UploadLimits tenant = limits.of(List.of(file.tenantId())).forTenant(file.tenantId());
        if (reject(row, file, tenant, sequencer, occurredAt)) {
            return;
        }
        String status = heldForScan.holds(tenant) ? FileEvents.PENDING : FileEvents.ACTIVE;
        jdbc.update("update metadata.files set sequencer = ?, status = ?, deleted_at = null, updated_at = now()"
                + " where id = ?", sequencer, status, row.id());
        if (FileEvents.ACTIVE.equals(status)) {
            announce(row.id(), occurredAt, FileCreated::new);
            if (tenant.replicateTo() != null && !tenant.replicateTo().equals(file.storageTarget())) {
                replicas.want(List.of(new Replicas.Wanted(row.id(), tenant.replicateTo())));
            }
        }
    }

    /**
     * Deletes the version as of {@code sequencer}; an active one goes with a {@code file.deleted}.
     *
     * @param neverCreated the row is a removal no create has described yet: its time is the latest removal's
     */
    public void delete(Row row, String sequencer, Instant deletedAt, boolean neverCreated) {
        jdbc.update("update metadata.files set sequencer = ?, status = '" + DELETED + "', deleted_at = ?,"
                        + " updated_at = now()" + (neverCreated ? ", created_at = ?" : "") + " where id = ?",
                neverCreated
                        ? new Object[] {sequencer, utc(deletedAt), utc(deletedAt), row.id()}
                        : new Object[] {sequencer, utc(deletedAt), row.id()});
        if (row.active()) {
            announce(row.id(), deletedAt, FileDeleted::new);
        }
    }

    /** @return whether the version's content broke its tenant's limits and was rejected */
    private boolean reject(Row row, StoredFile file, UploadLimits tenant, String sequencer, Instant occurredAt) {
        String reason = tenant.violation(file.size(), file.contentType());
        if (reason == null) {
            return false;
        }
        jdbc.update("update metadata.files set sequencer = ?, status = '" + FileEvents.REJECTED + "',"
                + " rejection_reason = ?, deleted_at = null, updated_at = now() where id = ?", sequencer, reason, row.id());
        announce(row.id(), occurredAt, FileRejected::new);
        return true;
    }

    private void announce(UUID fileId, Instant occurredAt, FileEvents.Type<?> type) {
        outbox.add(FileEvents.about(files.find(fileId, null).orElseThrow(), occurredAt, type));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
