package io.uplink.callback.endpoint;

import io.uplink.callback.secretstore.SecretCipher;
import io.uplink.callback.secretstore.SecretColumn;
import io.uplink.callback.signing.WebhookSecret;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Endpoints, always looked up within a tenant, so one tenant can never name another's endpoint. Signing secrets are
 * stored encrypted by {@link SecretCipher}, bound to their endpoint and column.
 */
@Repository
public class EndpointRepository {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final SecretCipher secrets;
    private final RowMapper<Endpoint> rows = this::map;

    public EndpointRepository(JdbcClient jdbc, JsonMapper json, SecretCipher secrets) {
        this.jdbc = jdbc;
        this.json = json;
        this.secrets = secrets;
    }

    private void insert(Endpoint endpoint) {
        jdbc.sql("""
                        insert into endpoints (id, tenant_id, url, description, event_types, rate_limit_per_second,
                                               metadata, enabled, secret, created_at, updated_at)
                        values (:id, :tenantId, :url, :description, :eventTypes, :rateLimit,
                                cast(:metadata as jsonb), true, :secret, :now, :now)""")
                .param("id", endpoint.id())
                .param("tenantId", endpoint.tenantId())
                .param("url", endpoint.url())
                .param("description", endpoint.description())
                .param("eventTypes", endpoint.eventTypes().toArray(String[]::new))
                .param("rateLimit", endpoint.rateLimit())
                .param("metadata", json.writeValueAsString(endpoint.metadata()))
                .param("secret", secrets.seal(endpoint.keys().current(), endpoint.id(), SecretColumn.SECRET))
                .param("now", utc(endpoint.createdAt()))
                .update();
    }

    /**
     * Inserts the endpoint unless its tenant already has {@code max}. Counts and inserts under the tenant's advisory
     * lock (other tenants are not held up), so concurrent creations cannot overshoot the limit.
     *
     * @return false, inserting nothing, when the tenant is at the limit
     */
    @Transactional
    public boolean insertWithinLimit(Endpoint endpoint, int max) {
        String tenantId = endpoint.tenantId();
        jdbc.sql("select 1 from (select pg_advisory_xact_lock(hashtextextended('callback.endpoints:' || :tenantId, 0))) l")
                .param("tenantId", tenantId).query(Integer.class).single();
        int count = jdbc.sql("select count(*) from endpoints where tenant_id = :tenantId")
                .param("tenantId", tenantId).query(Integer.class).single();
        if (count >= max) {
            return false;
        }
        insert(endpoint);
        return true;
    }

    public Optional<Endpoint> find(String tenantId, UUID id) {
        return jdbc.sql("select * from endpoints where tenant_id = :tenantId and id = :id")
                .param("tenantId", tenantId).param("id", id).query(rows).optional();
    }

    /** Keyset pagination in creation order; {@code after} is the last id of the previous page. */
    public List<Endpoint> list(String tenantId, UUID after, int limit) {
        return jdbc.sql("""
                        select * from endpoints e
                        where e.tenant_id = :tenantId
                          and (cast(:after as uuid) is null or (e.created_at, e.id) >
                               (select created_at, id from endpoints where id = :after and tenant_id = :tenantId))
                        order by e.created_at, e.id
                        limit :limit""")
                .param("tenantId", tenantId).param("after", after).param("limit", limit)
                .query(rows).list();
    }

    public boolean update(String tenantId, UUID id, String url, String description, List<String> eventTypes,
                          Integer rateLimit, Map<String, String> metadata) {
        return jdbc.sql("""
                        update endpoints set url = :url, description = :description, event_types = :eventTypes,
                               rate_limit_per_second = :rateLimit, metadata = cast(:metadata as jsonb), updated_at = now()
                        where tenant_id = :tenantId and id = :id""")
                .param("url", url).param("description", description)
                .param("eventTypes", eventTypes.toArray(String[]::new)).param("rateLimit", rateLimit)
                .param("metadata", json.writeValueAsString(metadata))
                .param("tenantId", tenantId).param("id", id)
                .update() == 1;
    }

    public boolean disable(String tenantId, UUID id, String reason) {
        return jdbc.sql("""
                        update endpoints set enabled = false, disabled_reason = :reason, disabled_at = now(),
                               updated_at = now()
                        where tenant_id = :tenantId and id = :id""")
                .param("reason", reason).param("tenantId", tenantId).param("id", id).update() == 1;
    }

    public boolean enable(String tenantId, UUID id) {
        return jdbc.sql("""
                        update endpoints set enabled = true, disabled_reason = null, disabled_at = null,
                               failing_since = null, updated_at = now()
                        where tenant_id = :tenantId and id = :id""")
                .param("tenantId", tenantId).param("id", id).update() == 1;
    }

    /** The endpoint, its deliveries (by their foreign key, on delete cascade) and the log of its attempts. */
    @Transactional
    public boolean delete(String tenantId, UUID id) {
        if (jdbc.sql("delete from endpoints where tenant_id = :tenantId and id = :id")
                .param("tenantId", tenantId).param("id", id).update() != 1) {
            return false;
        }
        jdbc.sql("delete from attempts where tenant_id = :tenantId and endpoint_id = :id")
                .param("tenantId", tenantId).param("id", id).update();
        return true;
    }

    /**
     * The current secret becomes the previous one, signing beside the new one until {@code previousExpiresAt}. It is
     * decrypted and encrypted again for its new column, under the row lock so a concurrent rotation cannot interleave.
     */
    @Transactional
    public boolean rotate(String tenantId, UUID id, WebhookSecret fresh, Instant previousExpiresAt) {
        Optional<String> current = jdbc.sql("select secret from endpoints where tenant_id = :tenantId and id = :id for update")
                .param("tenantId", tenantId).param("id", id).query(String.class).optional();
        if (current.isEmpty()) {
            return false;
        }
        WebhookSecret previous = secrets.open(current.get(), id, SecretColumn.SECRET);
        return jdbc.sql("""
                        update endpoints set previous_secret = :previous, previous_secret_expires_at = :expiresAt,
                               secret = :secret, updated_at = now()
                        where tenant_id = :tenantId and id = :id""")
                .param("previous", secrets.seal(previous, id, SecretColumn.PREVIOUS_SECRET))
                .param("expiresAt", utc(previousExpiresAt)).param("secret", secrets.seal(fresh, id, SecretColumn.SECRET))
                .param("tenantId", tenantId).param("id", id).update() == 1;
    }

    private Endpoint map(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new Endpoint(
                id,
                rs.getString("tenant_id"),
                rs.getString("url"),
                rs.getString("description"),
                strings(rs.getArray("event_types")),
                (Integer) rs.getObject("rate_limit_per_second"),
                json.readValue(rs.getString("metadata"), STRING_MAP),
                rs.getBoolean("enabled"),
                rs.getString("disabled_reason"),
                instant(rs.getTimestamp("disabled_at")),
                secrets.signingKeys(id, rs.getString("secret"), rs.getString("previous_secret"),
                        instant(rs.getTimestamp("previous_secret_expires_at"))),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
