package io.uplink.metadata.storageevent;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.FileData;
import io.uplink.contracts.FileEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The common case in two statements per batch instead of several per event: creates of object versions that no
 * other event of the batch touches are inserted with one multi-row {@code INSERT … ON CONFLICT DO NOTHING
 * RETURNING id}, and the versions actually inserted get their {@code file.created} outbox rows in one more insert.
 * For such an event this is exactly what the per-event path does when it finds no row; everything else (versions
 * that already exist, removes, versions with several events in the batch) is left to the per-event path, which
 * orders them by sequencer. Must run inside the caller's transaction.
 */
@Component
class NewVersionBulkInsert {

    private static final String INSERT_FILES = "insert into metadata.files (id, tenant_id, bucket, object_key,"
            + " version_id, size, content_type, etag, original_filename, user_metadata, status, source,"
            + " source_event_id, sequencer, content_sequencer, created_at)"
            + " select id, tenant_id, bucket, object_key, version_id, size, content_type, etag, original_filename,"
            + " user_metadata::jsonb, 'active', '" + StorageEventApplier.SOURCE + "', sequencer, sequencer, sequencer,"
            + " created_at"
            + " from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::timestamptz[]) as t(id, tenant_id, bucket, object_key, version_id,"
            + " size, content_type, etag, original_filename, user_metadata, sequencer, created_at)"
            + " on conflict (bucket, object_key, version_id) do nothing returning id";

    private static final String INSERT_OUTBOX = "insert into metadata.outbox (id, aggregate_type, aggregate_id, type,"
            + " tenant_id, payload) select id, 'file', aggregate_id, '" + FileEvent.FILE_CREATED + "', tenant_id,"
            + " payload::jsonb from unnest(?::uuid[], ?::text[], ?::text[], ?::text[])"
            + " as t(id, aggregate_id, tenant_id, payload)";

    private final JdbcTemplate jdbc;

    NewVersionBulkInsert(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the events not inserted here, in their original order, for the per-event path */
    List<StorageEventApplier.TenantEvent> insertNewVersions(List<StorageEventApplier.TenantEvent> events) {
        Map<List<String>, Integer> eventsPerVersion = new HashMap<>();
        for (StorageEventApplier.TenantEvent event : events) {
            eventsPerVersion.merge(version(event.event()), 1, Integer::sum);
        }
        List<StorageEventApplier.TenantEvent> candidates = new ArrayList<>();
        for (StorageEventApplier.TenantEvent event : events) {
            if (event.event().kind() == StorageEvent.Kind.CREATED && eventsPerVersion.get(version(event.event())) == 1) {
                candidates.add(event);
            }
        }
        if (candidates.isEmpty()) {
            return events;
        }
        UUID[] ids = new UUID[candidates.size()];
        Arrays.setAll(ids, i -> UUID.randomUUID());
        Set<UUID> inserted = jdbc.execute((Connection connection) -> insertFiles(connection, candidates, ids));
        List<StorageEventApplier.TenantEvent> rest = new ArrayList<>();
        List<FileEvent> created = new ArrayList<>();
        Set<StorageEventApplier.TenantEvent> done = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < candidates.size(); i++) {
            if (inserted.contains(ids[i])) {
                created.add(fileCreated(ids[i], candidates.get(i)));
                done.add(candidates.get(i));
            }
        }
        if (!created.isEmpty()) {
            jdbc.execute((Connection connection) -> insertOutbox(connection, created));
        }
        for (StorageEventApplier.TenantEvent event : events) {
            if (!done.contains(event)) {
                rest.add(event);
            }
        }
        return rest;
    }

    private static Set<UUID> insertFiles(Connection connection, List<StorageEventApplier.TenantEvent> candidates,
                                         UUID[] ids) throws SQLException {
        int n = candidates.size();
        String[] tenants = new String[n];
        String[] buckets = new String[n];
        String[] keys = new String[n];
        String[] versions = new String[n];
        Long[] sizes = new Long[n];
        String[] contentTypes = new String[n];
        String[] etags = new String[n];
        String[] filenames = new String[n];
        String[] metadata = new String[n];
        String[] sequencers = new String[n];
        String[] createdAt = new String[n];
        for (int i = 0; i < n; i++) {
            StorageEvent event = candidates.get(i).event();
            tenants[i] = candidates.get(i).tenantId();
            buckets[i] = event.bucket();
            keys[i] = event.key();
            versions[i] = event.versionId();
            sizes[i] = event.size();
            contentTypes[i] = event.contentType();
            etags[i] = event.etag();
            filenames[i] = StorageEventApplier.filename(event);
            metadata[i] = EventJson.writeString(event.userMetadata());
            sequencers[i] = event.sequencer();
            createdAt[i] = event.eventTime().toString();
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT_FILES)) {
            statement.setArray(1, connection.createArrayOf("uuid", ids));
            statement.setArray(2, connection.createArrayOf("text", tenants));
            statement.setArray(3, connection.createArrayOf("text", buckets));
            statement.setArray(4, connection.createArrayOf("text", keys));
            statement.setArray(5, connection.createArrayOf("text", versions));
            statement.setArray(6, connection.createArrayOf("bigint", sizes));
            statement.setArray(7, connection.createArrayOf("text", contentTypes));
            statement.setArray(8, connection.createArrayOf("text", etags));
            statement.setArray(9, connection.createArrayOf("text", filenames));
            statement.setArray(10, connection.createArrayOf("text", metadata));
            statement.setArray(11, connection.createArrayOf("text", sequencers));
            statement.setArray(12, connection.createArrayOf("text", createdAt));
            Set<UUID> inserted = new HashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    inserted.add(rows.getObject(1, UUID.class));
                }
            }
            return inserted;
        }
    }

    private static Void insertOutbox(Connection connection, List<FileEvent> created) throws SQLException {
        int n = created.size();
        UUID[] ids = new UUID[n];
        String[] aggregates = new String[n];
        String[] tenants = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            FileEvent event = created.get(i);
            ids[i] = event.eventId();
            aggregates[i] = event.data().fileId();
            tenants[i] = event.tenantId();
            payloads[i] = EventJson.writeString(event);
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT_OUTBOX)) {
            statement.setArray(1, connection.createArrayOf("uuid", ids));
            statement.setArray(2, connection.createArrayOf("text", aggregates));
            statement.setArray(3, connection.createArrayOf("text", tenants));
            statement.setArray(4, connection.createArrayOf("text", payloads));
            statement.executeUpdate();
        }
        return null;
    }

    /** The event the per-event path would build by reading the row back: the same values, at the column's precision. */
    private static FileEvent fileCreated(UUID fileId, StorageEventApplier.TenantEvent tenantEvent) {
        StorageEvent event = tenantEvent.event();
        Instant createdAt = event.eventTime().truncatedTo(ChronoUnit.MICROS);
        FileData data = new FileData(fileId.toString(), event.bucket(), event.key(), event.size(), event.contentType(),
                event.etag(), null, event.versionId(), StorageEventApplier.filename(event), event.userMetadata(),
                "active", createdAt, null);
        return new FileEvent(UUID.randomUUID(), FileEvent.FILE_CREATED, tenantEvent.tenantId(), event.eventTime(), data);
    }

    private static List<String> version(StorageEvent event) {
        return Arrays.asList(event.bucket(), event.key(), event.versionId());
    }
}
