package io.uplink.metadata.file;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.FileData;
import io.uplink.metadata.limits.TenantLimits;
import io.uplink.metadata.limits.UploadLimits;
import io.uplink.metadata.outbox.ExportedEvent;
import io.uplink.metadata.outbox.Outbox;
import io.uplink.metadata.sql.UnnestParameters;
import io.uplink.service.ids.TimeOrderedIds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Records new object versions and their {@code file.created} events in three statements per batch, whatever its
 * size: the limits of the batch's tenants, one multi-row {@code INSERT … ON CONFLICT DO NOTHING RETURNING id} into the
 * files table, and the events of the versions actually inserted through the {@link Outbox}. A version already
 * recorded (or listed twice) is skipped, so however many signals report one version there is exactly one
 * {@code file.created}. A version that breaks its tenant's limits (an STS upload, an object only the store told us
 * about) is recorded as {@code rejected} with its reason and announced as {@code file.rejected} instead; the
 * quarantine sweeper moves its object afterwards. A version of a tenant whose uploads are scanned ({@link HeldForScan})
 * is recorded as {@code pending}, announced by nobody until the scan sweeper has the scanner's verdict. An upload's completion that finds its version recorded from the
 * store's notification adds its own details to it ({@link UploadDetailsArrivingLate}), or rejects it when its content
 * was found to be other than declared ({@link ContentRejectedLate}). Joins the caller's transaction.
 */
@Component
public class NewFileVersions {

    private static final String INSERT = "insert into metadata.files (id, tenant_id, storage_target, bucket,"
            + " object_key, version_id, size, content_type, etag, checksum_sha256, original_filename, user_metadata,"
            + " status, rejection_reason, upload_id, source, source_event_id, sequencer, content_sequencer, created_at)"
            + " select id, tenant_id, storage_target, bucket, object_key, version_id, size, content_type, etag,"
            + " checksum_sha256, original_filename, user_metadata::jsonb, status, rejection_reason, upload_id, source,"
            + " source_event_id, sequencer, sequencer, created_at"
            + " from " + UnnestParameters.rows("id uuid", "tenant_id text", "storage_target text", "bucket text",
                    "object_key text", "version_id text", "size bigint", "content_type text", "etag text",
                    "checksum_sha256 text", "original_filename text", "user_metadata text", "status text",
                    "rejection_reason text", "upload_id text", "source text", "source_event_id text", "sequencer text",
                    "created_at timestamptz") + " t"
            + " on conflict (bucket, object_key, version_id) do nothing returning id";

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final TenantLimits limits;
    private final HeldForScan heldForScan;
    private final Replicas replicas;

    public NewFileVersions(JdbcTemplate jdbc, Outbox outbox, TenantLimits limits, HeldForScan heldForScan,
                           Replicas replicas) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.limits = limits;
        this.heldForScan = heldForScan;
        this.replicas = replicas;
    }

    /** @return for each version, in order, whether it was new (false: it was already recorded) */
    @Transactional
    public boolean[] record(List<NewVersion> versions) {
        boolean[] recorded = new boolean[versions.size()];
        if (versions.isEmpty()) {
            return recorded;
        }
        TenantLimits.Lookup tenantLimits = limits.of(versions.stream().map(NewVersion::tenantId).toList());
        List<Row> rows = new ArrayList<>(versions.size());
        for (NewVersion version : versions) {
            UploadLimits tenant = tenantLimits.forTenant(version.tenantId());
            String rejectionReason = version.contentRejection() != null ? version.contentRejection()
                    : tenant.violation(version.size(), version.contentType());
            String status = rejectionReason != null ? FileEvents.REJECTED
                    : heldForScan.holds(tenant) ? FileEvents.PENDING : FileEvents.ACTIVE;
            rows.add(new Row(TimeOrderedIds.next(), version, status, rejectionReason, tenant.replicateTo()));
        }
        Set<UUID> inserted = jdbc.execute((Connection connection) -> insert(connection, rows));
        List<FileOutboxEvent> events = new ArrayList<>(inserted.size());
        List<NewVersion> recordedBefore = new ArrayList<>();
        List<NewVersion> rejectedAfter = new ArrayList<>();
        List<Replicas.Wanted> wanted = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (inserted.contains(row.id())) {
                recorded[i] = true;
                if (!FileEvents.PENDING.equals(row.status())) {
                    events.add(FileEvents.inserted(row.id(), row.version(), row.rejectionReason()));
                }
                if (FileEvents.ACTIVE.equals(row.status()) && row.replicateTo() != null
                        && !row.replicateTo().equals(row.version().storageTarget())) {
                    wanted.add(new Replicas.Wanted(row.id(), row.replicateTo()));
                }
            } else if (row.version().contentRejection() != null) {
                rejectedAfter.add(row.version());
            } else if (UploadDetailsArrivingLate.mayAddDetails(row.version())) {
                recordedBefore.add(row.version());
            }
        }
        if (!recordedBefore.isEmpty()) {
            events.addAll(jdbc.execute((Connection connection) -> UploadDetailsArrivingLate.add(connection, recordedBefore)));
        }
        if (!rejectedAfter.isEmpty()) {
            events.addAll(jdbc.execute((Connection connection) -> ContentRejectedLate.reject(connection, rejectedAfter)));
        }
        outbox.addAll(continuingTheirSignals(events, versions));
        replicas.want(wanted);
        return recorded;
    }

    /** Each event continues the trace of the signal that caused it (matched by object version). */
    private static List<ExportedEvent> continuingTheirSignals(List<FileOutboxEvent> events, List<NewVersion> versions) {
        Map<List<String>, String> traceparents = new HashMap<>();
        for (NewVersion version : versions) {
            if (version.traceparent() != null) {
                traceparents.putIfAbsent(objectVersion(version.bucket(), version.key(), version.versionId()),
                        version.traceparent());
            }
        }
        List<ExportedEvent> traced = new ArrayList<>(events.size());
        for (FileOutboxEvent event : events) {
            FileData file = event.data();
            traced.add(event.continuing(traceparents.get(objectVersion(file.bucket(), file.key(), file.versionId()))));
        }
        return traced;
    }

    private static List<String> objectVersion(String bucket, String key, String versionId) {
        return Arrays.asList(bucket, key, versionId);
    }

    /**
     * A version, the id it gets if it is new, its status, and why it breaks its tenant's limits (null: it does not).
     */
    private record Row(UUID id, NewVersion version, String status, String rejectionReason, String replicateTo) {
    }

    private static Set<UUID> insert(Connection connection, List<Row> rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            UnnestParameters.of(connection, statement, rows)
                    .uuid(Row::id)
                    .text(row -> row.version().tenantId())
                    .text(row -> row.version().storageTarget())
                    .text(row -> row.version().bucket())
                    .text(row -> row.version().key())
                    .text(row -> row.version().versionId())
                    .bigint(row -> row.version().size())
                    .text(row -> row.version().contentType())
                    .text(row -> row.version().etag())
                    .text(row -> row.version().checksumSha256())
                    .text(row -> row.version().originalFilename())
                    .text(row -> EventJson.writeString(row.version().metadata()))
                    .text(Row::status)
                    .text(Row::rejectionReason)
                    .text(row -> row.version().uploadId())
                    .text(row -> row.version().source())
                    .text(row -> row.version().sourceEventId())
                    .text(row -> row.version().sequencer())
                    .text(row -> row.version().createdAt().toString());
            Set<UUID> inserted = new HashSet<>();
            try (ResultSet returned = statement.executeQuery()) {
                while (returned.next()) {
                    inserted.add(returned.getObject(1, UUID.class));
                }
            }
            return inserted;
        }
    }
}
