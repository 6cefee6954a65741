package io.uplink.metadata.apikey;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The admin key registry: issued keys are stored as their SHA-256 only. */
@Repository
public class AdminKeys {

    private final JdbcClient jdbc;

    public AdminKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record AdminKey(String keyId, String keyPrefix, String label, String status, Instant createdAt,
                           Instant revokedAt) {
    }

    public AdminKey register(String keyId, String key, String label) {
        return jdbc.sql("insert into metadata.admin_keys (id, key_hash, key_prefix, label) values (?, ?, ?, ?)"
                        + " returning id, key_prefix, label, status, created_at, revoked_at")
                .params(keyId, ApiKeyGenerator.sha256Hex(key), ApiKeyGenerator.displayPrefix(key), label)
                .query((rows, i) -> read(rows))
                .single();
    }

    /**
     * Registers the key only while the registry has never held one; replicas starting together register it once.
     *
     * @return whether this call registered it
     */
    public boolean registerIfNoneEver(String keyId, String key, String label) {
        return jdbc.sql("insert into metadata.admin_keys (id, key_hash, key_prefix, label)"
                        + " select ?, ?, ?, ? where not exists (select 1 from metadata.admin_keys)"
                        + " on conflict (key_hash) do nothing")
                .params(keyId, ApiKeyGenerator.sha256Hex(key), ApiKeyGenerator.displayPrefix(key), label)
                .update() == 1;
    }

    public List<AdminKey> list() {
        return jdbc.sql("select id, key_prefix, label, status, created_at, revoked_at from metadata.admin_keys"
                        + " order by created_at, id")
                .query((rows, i) -> read(rows))
                .list();
    }

    public Optional<AdminKey> findByHash(String sha256Hex) {
        return jdbc.sql("select id, key_prefix, label, status, created_at, revoked_at from metadata.admin_keys"
                        + " where key_hash = ?")
                .param(sha256Hex)
                .query((rows, i) -> read(rows))
                .optional();
    }

    public enum Revocation { REVOKED, NOT_FOUND, LAST_ACTIVE_KEY }

    /** Revokes a key unless it is the last active one: an installation must never lock its admins out. */
    @Transactional
    public Revocation revoke(String keyId) {
        // serialises revocations, so two concurrent ones cannot each leave the other as "the last"
        jdbc.sql("lock table metadata.admin_keys in share row exclusive mode").update();
        Optional<String> status = jdbc.sql("select status from metadata.admin_keys where id = ?")
                .param(keyId).query(String.class).optional();
        if (status.isEmpty()) {
            return Revocation.NOT_FOUND;
        }
        if ("active".equals(status.get())) {
            long active = jdbc.sql("select count(*) from metadata.admin_keys where status = 'active'")
                    .query(Long.class).single();
            if (active <= 1) {
                return Revocation.LAST_ACTIVE_KEY;
            }
        }
        jdbc.sql("update metadata.admin_keys set status = 'revoked', revoked_at = coalesce(revoked_at, now())"
                        + " where id = ?")
                .param(keyId).update();
        return Revocation.REVOKED;
    }

    private static AdminKey read(java.sql.ResultSet rows) throws java.sql.SQLException {
        return new AdminKey(rows.getString("id"), rows.getString("key_prefix"), rows.getString("label"),
                rows.getString("status"), rows.getTimestamp("created_at").toInstant(),
                rows.getTimestamp("revoked_at") == null ? null : rows.getTimestamp("revoked_at").toInstant());
    }
}
