package io.uplink.metadata.tenant;

import io.uplink.contracts.EventJson;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.Optional;

@Repository
public class TenantRepository {

    static final RowMapper<Tenant> TENANT = (rows, i) -> new Tenant(rows.getString("id"), rows.getString("name"),
            rows.getString("status"), rows.getTimestamp("created_at").toInstant(),
            EventJson.read(rows.getString("settings"), TenantSettings.class));

    private final JdbcClient jdbc;

    public TenantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Tenant create(String id, String name, TenantSettings settings) {
        try {
            return jdbc.sql("insert into metadata.tenants (id, name, settings) values (?, ?, ?::jsonb)"
                            + " returning id, name, status, created_at, settings::text as settings")
                    .params(id, name, EventJson.writeString(settings))
                    .query(TENANT).single();
        } catch (DuplicateKeyException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "tenant '" + id + "' already exists");
        }
    }

    public Optional<Tenant> find(String id) {
        return jdbc.sql("select id, name, status, created_at, settings::text as settings from metadata.tenants"
                        + " where id = ?")
                .param(id).query(TENANT).optional();
    }

    /** Ordered by id; {@code after} is the last id of the previous page. */
    public List<Tenant> list(String after, int limit) {
        return jdbc.sql("select id, name, status, created_at, settings::text as settings from metadata.tenants"
                        + " where id > ? order by id limit ?")
                .params(after == null ? "" : after, limit).query(TENANT).list();
    }

    public Optional<Tenant> setStatus(String id, String status) {
        return jdbc.sql("update metadata.tenants set status = ?, updated_at = now() where id = ?"
                        + " returning id, name, status, created_at, settings::text as settings")
                .params(status, id).query(TENANT).optional();
    }

    public Optional<Tenant> setSettings(String id, TenantSettings settings) {
        return jdbc.sql("update metadata.tenants set settings = ?::jsonb, updated_at = now() where id = ?"
                        + " returning id, name, status, created_at, settings::text as settings")
                .params(EventJson.writeString(settings), id).query(TENANT).optional();
    }

    /** Replaces one setting alone, so it never overwrites what an admin changed meanwhile in the others. */
    public Optional<Tenant> setCorsOrigins(String id, List<String> corsOrigins) {
        return jdbc.sql("update metadata.tenants set settings = jsonb_set(settings, '{corsOrigins}', ?::jsonb),"
                        + " updated_at = now() where id = ?"
                        + " returning id, name, status, created_at, settings::text as settings")
                .params(EventJson.writeString(corsOrigins), id).query(TENANT).optional();
    }

    /** Removes the tenant's row; its files and keys must be gone already. */
    public boolean delete(String id) {
        return jdbc.sql("delete from metadata.tenants where id = ?").param(id).update() == 1;
    }
}
