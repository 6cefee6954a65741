package io.uplink.credential.session;

import io.uplink.contracts.EventJson;
import io.uplink.credential.policy.UploadMethod;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Repository
public class UploadSessionRepository {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JdbcOperations jdbcOperations;

    UploadSessionRepository(JdbcClient jdbc, JdbcOperations jdbcOperations) {
        this.jdbc = jdbc;
        this.jdbcOperations = jdbcOperations;
    }

    /** Inserts all sessions with one statement (one round trip, one commit): all of them or none. */
    public void insertAll(List<UploadSession> sessions) {
        if (sessions.isEmpty()) {
            return;
        }
        jdbcOperations.update(connection -> insertAllStatement(connection, sessions));
    }

    private static PreparedStatement insertAllStatement(Connection connection, List<UploadSession> sessions)
            throws SQLException {
        int n = sessions.size();
        UUID[] ids = new UUID[n];
        String[] tenants = new String[n];
        String[] buckets = new String[n];
        String[] keys = new String[n];
        String[] methods = new String[n];
        String[] filenames = new String[n];
        String[] contentTypes = new String[n];
        Long[] sizes = new Long[n];
        String[] checksums = new String[n];
        String[] metadata = new String[n];
        String[] multipartIds = new String[n];
        Long[] partSizes = new Long[n];
        Integer[] partCounts = new Integer[n];
        String[] statuses = new String[n];
        String[] createdAt = new String[n];
        String[] expiresAt = new String[n];
        Boolean[] exactSizes = new Boolean[n];
        String[] storageTargets = new String[n];
        for (int i = 0; i < n; i++) {
            UploadSession s = sessions.get(i);
            ids[i] = s.uploadId();
            tenants[i] = s.tenantId();
            buckets[i] = s.bucket();
            keys[i] = s.key();
            methods[i] = s.method().name();
            filenames[i] = s.originalFilename();
            contentTypes[i] = s.contentType();
            sizes[i] = s.declaredSize();
            checksums[i] = s.checksumSha256();
            // most mints carry no metadata: skip the JSON writer for the empty object
            metadata[i] = s.metadata().isEmpty() ? "{}" : EventJson.writeString(s.metadata());
            multipartIds[i] = s.multipartUploadId();
            partSizes[i] = s.partSize();
            partCounts[i] = s.partCount();
            statuses[i] = s.status().name().toLowerCase(Locale.ROOT);
            // ISO-8601 text: Postgres parses it to microseconds, as Timestamp.from does for the single insert.
            createdAt[i] = s.createdAt().toString();
            expiresAt[i] = s.expiresAt().toString();
            exactSizes[i] = s.exactSize();
            storageTargets[i] = s.storageTarget();
        }
        PreparedStatement statement = connection.prepareStatement("""
                insert into upload_session (upload_id, tenant_id, bucket, object_key, method, original_filename,
                    content_type, declared_size, checksum_sha256, metadata, multipart_upload_id, part_size, part_count,
                    status, created_at, expires_at, exact_size, storage_target)
                select id, tenant, bucket, object_key, method, filename, content_type, size, checksum,
                    cast(metadata as jsonb), multipart_id, part_size, part_count, status,
                    cast(created_at as timestamptz), cast(expires_at as timestamptz), exact_size, storage_target
                from (select unnest(?::uuid[]), unnest(?::text[]), unnest(?::text[]), unnest(?::text[]),
                    unnest(?::text[]), unnest(?::text[]), unnest(?::text[]), unnest(?::int8[]), unnest(?::text[]),
                    unnest(?::text[]), unnest(?::text[]), unnest(?::int8[]), unnest(?::int4[]), unnest(?::text[]),
                    unnest(?::text[]), unnest(?::text[]), unnest(?::bool[]), unnest(?::text[]))
                    as s(id, tenant, bucket, object_key, method, filename, content_type, size, checksum, metadata,
                         multipart_id, part_size, part_count, status, created_at, expires_at, exact_size,
                         storage_target)
                """);
        // The arrays unnested side by side in a select list: Postgres steps through them together, where a
        // multi-argument unnest in from would first copy each into a tuplestore of its own (docs/bench-log.md,
        // "batch inserts step through their arrays").
        // Plain Java arrays: the driver sends them in Postgres's binary array format, where createArrayOf built and
        // escaped a text literal per array that the server then parsed again (~3 % of a mint, JVM side alone).
        int p = 1;
        statement.setObject(p++, ids);
        statement.setObject(p++, tenants);
        statement.setObject(p++, buckets);
        statement.setObject(p++, keys);
        statement.setObject(p++, methods);
        statement.setObject(p++, filenames);
        statement.setObject(p++, contentTypes);
        statement.setObject(p++, sizes);
        statement.setObject(p++, checksums);
        statement.setObject(p++, metadata);
        statement.setObject(p++, multipartIds);
        statement.setObject(p++, partSizes);
        statement.setObject(p++, partCounts);
        statement.setObject(p++, statuses);
        statement.setObject(p++, createdAt);
        statement.setObject(p++, expiresAt);
        statement.setObject(p++, exactSizes);
        statement.setObject(p, storageTargets);
        return statement;
    }

    public void insert(UploadSession s) {
        jdbc.sql("""
                insert into upload_session (upload_id, tenant_id, bucket, object_key, method, original_filename,
                    content_type, declared_size, checksum_sha256, metadata, multipart_upload_id, part_size, part_count,
                    status, created_at, expires_at, exact_size, storage_target)
                values (:uploadId, :tenantId, :bucket, :key, :method, :filename, :contentType, :size, :checksum,
                    cast(:metadata as jsonb), :multipartUploadId, :partSize, :partCount, :status, :createdAt, :expiresAt, :exactSize,
                    :storageTarget)
                """)
                .param("uploadId", s.uploadId())
                .param("tenantId", s.tenantId())
                .param("bucket", s.bucket())
                .param("key", s.key())
                .param("method", s.method().name())
                .param("filename", s.originalFilename())
                .param("contentType", s.contentType())
                .param("size", s.declaredSize())
                .param("checksum", s.checksumSha256())
                .param("metadata", EventJson.writeString(s.metadata()))
                .param("multipartUploadId", s.multipartUploadId())
                .param("partSize", s.partSize())
                .param("partCount", s.partCount())
                .param("status", s.status().name().toLowerCase(Locale.ROOT))
                .param("createdAt", Timestamp.from(s.createdAt()))
                .param("expiresAt", Timestamp.from(s.expiresAt()))
                .param("exactSize", s.exactSize())
                .param("storageTarget", s.storageTarget())
                .update();
    }

    /** Sessions of other tenants are invisible: the lookup is always scoped by tenant. */
    public Optional<UploadSession> find(String tenantId, UUID uploadId) {
        return jdbc.sql("select * from upload_session where upload_id = :id and tenant_id = :tenant")
                .param("id", uploadId).param("tenant", tenantId)
                .query(ROW).optional();
    }

    /** Only for callers authenticated by the store itself (OSS callbacks), which name the key, not the tenant. */
    public Optional<UploadSession> findByKey(String key) {
        return jdbc.sql("select * from upload_session where object_key = :key").param("key", key).query(ROW).optional();
    }

    /** The pending sessions among those stored at these keys (objects a store announced), in one query. */
    public List<UploadSession> findPendingByKeys(Collection<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from upload_session where object_key in (:keys) and status = 'pending'")
                .param("keys", keys).query(ROW).list();
    }

    public Optional<UploadSession> findByMultipartUploadId(String tenantId, String multipartUploadId) {
        return jdbc.sql("select * from upload_session where multipart_upload_id = :mp and tenant_id = :tenant")
                .param("mp", multipartUploadId).param("tenant", tenantId)
                .query(ROW).optional();
    }

    /** Pending sessions created before {@code before}, oldest first, after the given position (keyset paging). */
    public List<UploadSession> findPending(Instant before, Instant afterCreatedAt, UUID afterId, int limit) {
        return jdbc.sql("""
                select * from upload_session
                where status = 'pending' and created_at < :before and (created_at, upload_id) > (:afterAt, :afterId)
                order by created_at, upload_id limit :limit
                """)
                .param("before", Timestamp.from(before))
                .param("afterAt", Timestamp.from(afterCreatedAt))
                .param("afterId", afterId)
                .param("limit", limit)
                .query(ROW).list();
    }

    /** Moves a pending session to a final state; false when another call finished it first. */
    public boolean finish(UUID uploadId, UploadSession.Status status, Instant at, String etag) {
        return jdbc.sql("""
                update upload_session set status = :status, completed_at = :at, etag = :etag
                where upload_id = :id and status = 'pending'
                """)
                .param("status", status.name().toLowerCase(Locale.ROOT))
                .param("at", Timestamp.from(at))
                .param("etag", etag)
                .param("id", uploadId)
                .update() == 1;
    }

    /** Records the key a client (Uppy 6 signRequest) uses for the session, next to the server-assigned one. */
    public void recordClientKey(UUID uploadId, String clientKey) {
        jdbc.sql("update upload_session set client_key = :clientKey where upload_id = :id")
                .param("clientKey", clientKey).param("id", uploadId).update();
    }

    /** The tenant's session stored at that server-assigned key. */
    public Optional<UploadSession> findByKey(String tenantId, String key) {
        return jdbc.sql("select * from upload_session where object_key = :key and tenant_id = :tenant")
                .param("key", key).param("tenant", tenantId).query(ROW).optional();
    }

    /** The tenant's pending sessions a client named by its own key, newest first. */
    public List<UploadSession> findPendingByClientKey(String tenantId, String clientKey) {
        return jdbc.sql("""
                select * from upload_session
                where tenant_id = :tenant and client_key = :clientKey and status = 'pending'
                order by created_at desc, upload_id limit 20
                """)
                .param("tenant", tenantId).param("clientKey", clientKey).query(ROW).list();
    }

    /** Binds the store's multipart upload id to a session that has none yet; false when it already has one. */
    public boolean bindMultipartUploadId(UUID uploadId, String multipartUploadId) {
        return jdbc.sql("""
                update upload_session set multipart_upload_id = :mp
                where upload_id = :id and multipart_upload_id is null
                """)
                .param("mp", multipartUploadId).param("id", uploadId).update() == 1;
    }

    private static final RowMapper<UploadSession> ROW = (rs, row) -> new UploadSession(
            rs.getObject("upload_id", UUID.class),
            rs.getString("tenant_id"),
            rs.getString("bucket"),
            rs.getString("object_key"),
            UploadMethod.valueOf(rs.getString("method")),
            rs.getString("original_filename"),
            rs.getString("content_type"),
            rs.getLong("declared_size"),
            rs.getString("checksum_sha256"),
            EventJson.mapper().readValue(rs.getString("metadata"), STRING_MAP),
            rs.getString("multipart_upload_id"),
            (Long) rs.getObject("part_size"),
            (Integer) rs.getObject("part_count"),
            UploadSession.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
            rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("expires_at").toInstant(),
            rs.getTimestamp("completed_at") == null ? null : rs.getTimestamp("completed_at").toInstant(),
            rs.getString("etag"),
            rs.getBoolean("exact_size"),
            rs.getString("storage_target"));
}
