package io.uplink.credential.uploadtoken;

import io.uplink.contracts.identity.UploadToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The per-token state a signature cannot carry: revocation and the totals used, shared by every instance. */
@Repository
class UploadTokenRepository {

    private final JdbcClient jdbc;

    UploadTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UploadToken token, Instant issuedAt) {
        jdbc.sql("""
                        insert into upload_token (id, tenant_id, subject, max_files, max_total_bytes, issued_at, expires_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(token.id(), token.tenantId(), token.subject(), token.maxFiles(), token.maxTotalBytes(),
                        Timestamp.from(issuedAt), Timestamp.from(token.expiresAt()))
                .update();
    }

    /** @return false when the tenant has no such token */
    boolean revoke(String tenantId, UUID id, Instant at) {
        int updated = jdbc.sql("update upload_token set revoked_at = coalesce(revoked_at, ?) where id = ? and tenant_id = ?")
                .params(Timestamp.from(at), id, tenantId)
                .update();
        return updated == 1;
    }

    /**
     * Counts one more file of {@code bytes} against the token for this upload, atomically, so the limits hold however
     * many instances grant at once. @return false when that would break a limit, or the token is revoked or expired
     */
    boolean reserve(UUID id, UUID uploadId, long bytes) {
        return jdbc.sql("""
                        with counted as (
                            update upload_token set files_used = files_used + 1, bytes_used = bytes_used + :bytes
                            where id = :id and revoked_at is null and expires_at > now()
                              and (max_files is null or files_used + 1 <= max_files)
                              and (max_total_bytes is null or bytes_used + :bytes <= max_total_bytes)
                            returning id)
                        insert into upload_token_reservation (upload_id, token_id, bytes)
                        select :upload, id, :bytes from counted""")
                .param("id", id).param("upload", uploadId).param("bytes", bytes)
                .update() == 1;
    }

    /** The upload stored {@code storedBytes}: what it reserved beyond that goes back to its token, once. */
    void settle(UUID uploadId, long storedBytes) {
        jdbc.sql("""
                        with ended as (delete from upload_token_reservation where upload_id = :upload
                                       returning token_id, bytes)
                        update upload_token t set bytes_used = greatest(0, t.bytes_used - (ended.bytes - :stored))
                        from ended where t.id = ended.token_id and ended.bytes > :stored""")
                .param("upload", uploadId).param("stored", storedBytes)
                .update();
    }

    /** The upload ended without a file: its file and bytes go back to its token, once. */
    void release(UUID uploadId) {
        jdbc.sql("""
                        with ended as (delete from upload_token_reservation where upload_id = :upload
                                       returning token_id, bytes)
                        update upload_token t set bytes_used = greatest(0, t.bytes_used - ended.bytes),
                                                  files_used = greatest(0, t.files_used - 1)
                        from ended where t.id = ended.token_id""")
                .param("upload", uploadId)
                .update();
    }

    Optional<UploadTokenUsage> usage(String tenantId, UUID id) {
        return jdbc.sql("""
                        select id, subject, files_used, bytes_used, max_files, max_total_bytes, issued_at, expires_at,
                               revoked_at
                        from upload_token where id = ? and tenant_id = ?""")
                .params(id, tenantId)
                .query((rows, n) -> new UploadTokenUsage(rows.getObject("id", UUID.class), rows.getString("subject"),
                        rows.getInt("files_used"), rows.getLong("bytes_used"),
                        (Integer) rows.getObject("max_files"), (Long) rows.getObject("max_total_bytes"),
                        rows.getTimestamp("issued_at").toInstant(), rows.getTimestamp("expires_at").toInstant(),
                        rows.getTimestamp("revoked_at") == null ? null : rows.getTimestamp("revoked_at").toInstant()))
                .optional();
    }

    List<UUID> revokedAndUnexpired() {
        return jdbc.sql("select id from upload_token where revoked_at is not null and expires_at > now()")
                .query(UUID.class)
                .list();
    }

    /** Tokens are worth nothing after expiry; their rows go a day later (their usage stays readable meanwhile). */
    int deleteExpiredBefore(Instant cutoff) {
        return jdbc.sql("delete from upload_token where expires_at < ?").params(Timestamp.from(cutoff)).update();
    }
}
