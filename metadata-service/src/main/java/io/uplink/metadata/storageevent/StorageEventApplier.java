package io.uplink.metadata.storageevent;

import io.uplink.contracts.EventJson;
import io.uplink.metadata.file.FileCreated;
import io.uplink.metadata.file.FileDeleted;
import io.uplink.metadata.file.FileEvents;
import io.uplink.metadata.file.FileRepository;
import io.uplink.metadata.file.StoredFile;
import io.uplink.metadata.outbox.Outbox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Applies storage notifications to {@code metadata.files} so that the result does not depend on delivery order or
 * duplicates: the status follows the event with the greatest sequencer for the object version, the attributes the
 * create with the greatest sequencer. A remove that overtakes its create leaves a deleted row behind, so the late
 * create stays deleted. State changes write their outbox event in the same transaction.
 */
@Component
public class StorageEventApplier {

    static final String SOURCE = "storage-event";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final NewVersionBulkInsert bulkInsert;
    private final FileRepository files;
    private final Outbox outbox;

    public StorageEventApplier(JdbcTemplate jdbc, TransactionTemplate transaction, NewVersionBulkInsert bulkInsert,
                               FileRepository files, Outbox outbox) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.bulkInsert = bulkInsert;
        this.files = files;
        this.outbox = outbox;
    }

    /** An event and the tenant that owns its key. */
    public record TenantEvent(String tenantId, StorageEvent event) {
    }

    private record Current(UUID id, String status, String sequencer, String contentSequencer, String source) {
    }

    public void apply(List<TenantEvent> events) {
        transaction.executeWithoutResult(status -> bulkInsert.insertNewVersions(events).forEach(this::applyOne));
    }

    private void applyOne(TenantEvent tenantEvent) {
        StorageEvent event = tenantEvent.event();
        Current current = lock(event);
        if (current == null) {
            if (insert(tenantEvent)) {
                return;
            }
            current = lock(event);
        }
        if (event.kind() == StorageEvent.Kind.CREATED) {
            applyCreate(tenantEvent, current);
        } else {
            applyRemove(tenantEvent, current);
        }
    }

    private Current lock(StorageEvent event) {
        List<Current> rows = jdbc.query("select id, status, sequencer, content_sequencer, source from metadata.files"
                        + " where bucket = ? and object_key = ? and version_id is not distinct from ? for update",
                (row, i) -> new Current(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                        row.getString(4), row.getString(5)),
                event.bucket(), event.key(), event.versionId());
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** @return false when another transaction inserted the version first */
    private boolean insert(TenantEvent tenantEvent) {
        StorageEvent event = tenantEvent.event();
        boolean created = event.kind() == StorageEvent.Kind.CREATED;
        UUID id = UUID.randomUUID();
        int inserted = jdbc.update("insert into metadata.files (id, tenant_id, bucket, object_key, version_id, size,"
                        + " content_type, etag, original_filename, user_metadata, status, source, source_event_id,"
                        + " sequencer, content_sequencer, created_at, deleted_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict (bucket, object_key, version_id) do nothing",
                id, tenantEvent.tenantId(), event.bucket(), event.key(), event.versionId(),
                created ? event.size() : 0, created ? event.contentType() : null, created ? event.etag() : null,
                created ? filename(event) : null, created ? EventJson.writeString(event.userMetadata()) : "{}",
                created ? "active" : "deleted", SOURCE, event.sequencer(), event.sequencer(),
                created ? event.sequencer() : null, utc(event.eventTime()), created ? null : utc(event.eventTime()));
        if (inserted == 1 && created) {
            emit(FileCreated::new, id, event.eventTime());
        }
        return inserted == 1;
    }

    private void applyCreate(TenantEvent tenantEvent, Current current) {
        StorageEvent event = tenantEvent.event();
        boolean recordedByUpload = current.contentSequencer() == null && !SOURCE.equals(current.source());
        if (recordedByUpload) {
            // The upload completion already described this version, with the client's filename and metadata.
            jdbc.update("update metadata.files set content_sequencer = ? where id = ?", event.sequencer(), current.id());
        } else if (Sequencers.isLater(event.sequencer(), current.contentSequencer())) {
            jdbc.update("update metadata.files set size = ?, content_type = ?, etag = ?, original_filename = ?,"
                            + " user_metadata = ?::jsonb, content_sequencer = ?, created_at = ?, updated_at = now()"
                            + " where id = ?",
                    event.size(), event.contentType(), event.etag(), filename(event),
                    EventJson.writeString(event.userMetadata()), event.sequencer(), utc(event.eventTime()),
                    current.id());
        }
        if (Sequencers.isLater(event.sequencer(), current.sequencer())) {
            jdbc.update("update metadata.files set sequencer = ?, status = 'active', deleted_at = null,"
                    + " updated_at = now() where id = ?", event.sequencer(), current.id());
            if ("deleted".equals(current.status())) {
                emit(FileCreated::new, current.id(), event.eventTime());
            }
        }
    }

    private void applyRemove(TenantEvent tenantEvent, Current current) {
        StorageEvent event = tenantEvent.event();
        if (!Sequencers.isLater(event.sequencer(), current.sequencer())) {
            return;
        }
        boolean neverCreated = current.contentSequencer() == null && SOURCE.equals(current.source());
        jdbc.update("update metadata.files set sequencer = ?, status = 'deleted', deleted_at = ?, updated_at = now()"
                        + (neverCreated ? ", created_at = ?" : "") + " where id = ?",
                neverCreated
                        ? new Object[] {event.sequencer(), utc(event.eventTime()), utc(event.eventTime()), current.id()}
                        : new Object[] {event.sequencer(), utc(event.eventTime()), current.id()});
        if ("active".equals(current.status())) {
            emit(FileDeleted::new, current.id(), event.eventTime());
        }
    }

    /** The event about the row as it is now, which is what the events of the bulk path describe too. */
    private void emit(FileEvents.Type<?> type, UUID fileId, Instant occurredAt) {
        StoredFile file = files.find(fileId, null).orElseThrow();
        outbox.add(FileEvents.about(file, occurredAt, type));
    }

    static String filename(StorageEvent event) {
        String original = event.userMetadata().get("original-filename");
        return original != null ? original : event.key().substring(event.key().lastIndexOf('/') + 1);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
