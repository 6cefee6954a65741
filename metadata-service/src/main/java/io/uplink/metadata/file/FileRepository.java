package io.uplink.metadata.file;

import io.uplink.contracts.EventJson;
import io.uplink.metadata.outbox.Outbox;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Repository
public class FileRepository {

    private static final String COLUMNS = "id, tenant_id, bucket, object_key, size, content_type, etag,"
            + " checksum_sha256, version_id, original_filename, user_metadata::text as user_metadata, status,"
            + " created_at, updated_at, deleted_at, rejection_reason, storage_target, scan_result, legal_hold";

    /** A row of {@link #COLUMNS} (or the same names, as a {@code returning} list gives them). */
    @SuppressWarnings("unchecked")
    static final RowMapper<StoredFile> FILE = (rows, i) -> new StoredFile(
            rows.getString("id"), rows.getString("tenant_id"), rows.getString("bucket"), rows.getString("object_key"),
            rows.getLong("size"), rows.getString("content_type"), rows.getString("etag"),
            rows.getString("checksum_sha256"), rows.getString("version_id"), rows.getString("original_filename"),
            EventJson.read(rows.getString("user_metadata"), Map.class), rows.getString("status"),
            instant(rows.getTimestamp("created_at")), instant(rows.getTimestamp("updated_at")),
            instant(rows.getTimestamp("deleted_at")), rows.getString("rejection_reason"),
            rows.getString("storage_target"), rows.getString("scan_result"), rows.getBoolean("legal_hold"), List.of());

    private final JdbcClient jdbc;
    private final Outbox outbox;

    public FileRepository(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** One page plus one extra row, which tells whether there is a next page. */
    public List<StoredFile> search(FileQuery query) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from metadata.files where true");
        List<Object> params = new ArrayList<>();
        condition(sql, params, query.tenantId(), " and tenant_id = ?");
        if (query.keyPrefix() != null) {
            sql.append(" and object_key like ? escape '\\'");
            params.add(likeEscape(query.keyPrefix()) + "%");
        }
        condition(sql, params, query.contentType(), " and content_type = ?");
        condition(sql, params, query.minSize(), " and size >= ?");
        condition(sql, params, query.maxSize(), " and size <= ?");
        condition(sql, params, utc(query.createdFrom()), " and created_at >= ?");
        condition(sql, params, utc(query.createdTo()), " and created_at < ?");
        if (query.filename() != null) {
            sql.append(" and original_filename ilike ? escape '\\'");
            params.add("%" + likeEscape(query.filename()) + "%");
        }
        if (query.status() == null) {
            // Rejected (quarantined) versions are not files the tenant has; they are listed only when asked for.
            sql.append(" and status <> '" + FileEvents.REJECTED + "'");
        } else {
            sql.append(" and status = ?");
            params.add(query.status());
        }
        if (query.after() != null) {
            sql.append(" and (created_at, id) < (?, ?)");
            params.add(utc(query.after().createdAt()));
            params.add(query.after().id());
        }
        sql.append(" order by created_at desc, id desc limit ?");
        params.add(query.limit() + 1);
        return jdbc.sql(sql.toString()).params(params).query(FILE).list();
    }

    public Optional<StoredFile> find(UUID id, String tenantScope) {
        return jdbc.sql("select " + COLUMNS + " from metadata.files where id = ? and (?::text is null or tenant_id = ?)")
                .params(id, tenantScope, tenantScope).query(FILE).optional();
    }

    /** The file, its row locked until the caller's transaction ends (a hold or another delete waits for it). */
    Optional<StoredFile> findLocked(UUID id, String tenantScope) {
        return jdbc.sql("select " + COLUMNS + " from metadata.files where id = ? and (?::text is null or tenant_id = ?)"
                        + " for update")
                .params(id, tenantScope, tenantScope).query(FILE).optional();
    }

    /**
     * Marks an active or pending file deleted, once: a repeated delete is a no-op. An active file's deletion is
     * announced as {@code file.deleted}; a pending one was never announced, so neither is its deletion.
     */
    @Transactional
    public Optional<StoredFile> markDeleted(UUID id) {
        Optional<String> was = jdbc.sql("select status from metadata.files where id = ? and status in ('"
                        + FileEvents.ACTIVE + "', '" + FileEvents.PENDING + "') and not legal_hold for update")
                .param(id).query(String.class).optional();
        if (was.isEmpty()) {
            return Optional.empty();
        }
        StoredFile deleted = jdbc.sql("update metadata.files set status = 'deleted', deleted_at = now(),"
                        + " updated_at = now() where id = ? returning " + COLUMNS)
                .param(id).query(FILE).single();
        if (FileEvents.ACTIVE.equals(was.get())) {
            outbox.add(FileEvents.about(deleted, deleted.deletedAt(), FileDeleted::new));
        }
        return Optional.of(deleted);
    }

    /** Puts the file under legal hold or releases it; no event (the file itself did not change). */
    public Optional<StoredFile> setLegalHold(UUID id, String tenantScope, boolean hold) {
        return jdbc.sql("update metadata.files set legal_hold = ?, updated_at = now() where id = ?"
                        + " and (?::text is null or tenant_id = ?) returning " + COLUMNS)
                .params(hold, id, tenantScope, tenantScope).query(FILE).optional();
    }

    public record TypeStats(String contentType, long count, long bytes) {
    }

    public record DayStats(LocalDate day, long count, long bytes) {
    }

    public record FileStats(long count, long bytes, List<TypeStats> byContentType, List<DayStats> perDay) {
    }

    /** Active files only; days are UTC calendar days of {@code created_at}. */
    public FileStats stats(String tenantScope, Instant from, Instant to) {
        String where = " from metadata.files where status = 'active' and (?::text is null or tenant_id = ?)"
                + " and (?::timestamptz is null or created_at >= ?) and (?::timestamptz is null or created_at < ?)";
        List<Object> params = Arrays.asList(tenantScope, tenantScope, utc(from), utc(from), utc(to), utc(to));
        List<TypeStats> byType = jdbc.sql("select coalesce(content_type, '') as content_type, count(*) as n,"
                        + " coalesce(sum(size), 0) as bytes" + where + " group by 1 order by 3 desc, 1")
                .params(params)
                .query((rows, i) -> new TypeStats(rows.getString(1), rows.getLong(2), rows.getLong(3))).list();
        List<DayStats> perDay = jdbc.sql("select (created_at at time zone 'UTC')::date as day, count(*) as n,"
                        + " coalesce(sum(size), 0) as bytes" + where + " group by 1 order by 1")
                .params(params)
                .query((rows, i) -> new DayStats(rows.getObject(1, LocalDate.class), rows.getLong(2), rows.getLong(3)))
                .list();
        long count = byType.stream().mapToLong(TypeStats::count).sum();
        long bytes = byType.stream().mapToLong(TypeStats::bytes).sum();
        return new FileStats(count, bytes, byType, perDay);
    }

    private static void condition(StringBuilder sql, List<Object> params, Object value, String clause) {
        if (value != null) {
            sql.append(clause);
            params.add(value);
        }
    }

    private static String likeEscape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
