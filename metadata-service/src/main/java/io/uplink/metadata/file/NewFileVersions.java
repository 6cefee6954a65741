package io.uplink.metadata.file;

import io.uplink.contracts.EventJson;
import io.uplink.metadata.outbox.Outbox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Records new object versions and their {@code file.created} events in two statements per batch, whatever its size:
 * one multi-row {@code INSERT … ON CONFLICT DO NOTHING RETURNING id} into the files table, and the events of the
 * versions actually inserted through the {@link Outbox}. A version already recorded (or listed twice) is skipped, so
 * however many signals report one version there is exactly one {@code file.created}. Joins the caller's transaction.
 */
@Component
public class NewFileVersions {

    private static final String INSERT = "insert into metadata.files (id, tenant_id, bucket, object_key, version_id,"
            + " size, content_type, etag, checksum_sha256, original_filename, user_metadata, status, upload_id, source,"
            + " source_event_id, sequencer, content_sequencer, created_at)"
            + " select id, tenant_id, bucket, object_key, version_id, size, content_type, etag, checksum_sha256,"
            + " original_filename, user_metadata::jsonb, '" + FileEvents.ACTIVE + "', upload_id, source,"
            + " source_event_id, sequencer, sequencer, created_at"
            + " from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])"
            + " as t(id, tenant_id, bucket, object_key, version_id, size, content_type, etag, checksum_sha256,"
            + " original_filename, user_metadata, upload_id, source, source_event_id, sequencer, created_at)"
            + " on conflict (bucket, object_key, version_id) do nothing returning id";

    private final JdbcTemplate jdbc;
    private final Outbox outbox;

    public NewFileVersions(JdbcTemplate jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** @return for each version, in order, whether it was new (false: it was already recorded) */
    @Transactional
    public boolean[] record(List<NewVersion> versions) {
        boolean[] recorded = new boolean[versions.size()];
        if (versions.isEmpty()) {
            return recorded;
        }
        UUID[] ids = new UUID[versions.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = UUID.randomUUID();
        }
        Set<UUID> inserted = jdbc.execute((Connection connection) -> insert(connection, versions, ids));
        List<FileCreated> events = new ArrayList<>(inserted.size());
        for (int i = 0; i < ids.length; i++) {
            if (inserted.contains(ids[i])) {
                recorded[i] = true;
                events.add(FileEvents.created(ids[i], versions.get(i)));
            }
        }
        outbox.addAll(events);
        return recorded;
    }

    private static Set<UUID> insert(Connection connection, List<NewVersion> versions, UUID[] ids)
            throws SQLException {
        int n = versions.size();
        String[] tenants = new String[n];
        String[] buckets = new String[n];
        String[] keys = new String[n];
        String[] versionIds = new String[n];
        Long[] sizes = new Long[n];
        String[] contentTypes = new String[n];
        String[] etags = new String[n];
        String[] checksums = new String[n];
        String[] filenames = new String[n];
        String[] metadata = new String[n];
        String[] uploadIds = new String[n];
        String[] sources = new String[n];
        String[] sourceEventIds = new String[n];
        String[] sequencers = new String[n];
        String[] createdAt = new String[n];
        for (int i = 0; i < n; i++) {
            NewVersion version = versions.get(i);
            tenants[i] = version.tenantId();
            buckets[i] = version.bucket();
            keys[i] = version.key();
            versionIds[i] = version.versionId();
            sizes[i] = version.size();
            contentTypes[i] = version.contentType();
            etags[i] = version.etag();
            checksums[i] = version.checksumSha256();
            filenames[i] = version.originalFilename();
            metadata[i] = EventJson.writeString(version.metadata());
            uploadIds[i] = version.uploadId();
            sources[i] = version.source();
            sourceEventIds[i] = version.sourceEventId();
            sequencers[i] = version.sequencer();
            createdAt[i] = version.createdAt().toString();
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            int p = 1;
            statement.setArray(p++, connection.createArrayOf("uuid", ids));
            for (String[] column : List.of(tenants, buckets, keys, versionIds)) {
                statement.setArray(p++, connection.createArrayOf("text", column));
            }
            statement.setArray(p++, connection.createArrayOf("bigint", sizes));
            for (String[] column : List.of(contentTypes, etags, checksums, filenames, metadata, uploadIds, sources,
                    sourceEventIds, sequencers, createdAt)) {
                statement.setArray(p++, connection.createArrayOf("text", column));
            }
            Set<UUID> inserted = new HashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    inserted.add(rows.getObject(1, UUID.class));
                }
            }
            return inserted;
        }
    }
}
