package io.uplink.metadata.apikey;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.metadata.identity.Callers;
import io.uplink.metadata.tenant.Tenant;
import io.uplink.metadata.tenant.TenantRepository;
import io.uplink.metadata.tenant.TenantSettings;
import io.uplink.servlet.identity.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Issues and revokes tenant API keys (admins), and resolves a key hash, tenant or admin key, for the gateway. The key is returned once,
 * at creation; only its SHA-256 is stored.
 */
@RestController
public class ApiKeyController {

    private final JdbcClient jdbc;
    private final TenantRepository tenants;
    private final ApiKeyProperties properties;
    private final AdminKeys adminKeys;

    public ApiKeyController(JdbcClient jdbc, TenantRepository tenants, ApiKeyProperties properties,
                            AdminKeys adminKeys) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.properties = properties;
        this.adminKeys = adminKeys;
    }

    public record IssueKey(@Pattern(regexp = "[a-z]{2,16}") String environment) {
    }

    public record IssuedKey(String keyId, String tenantId, String apiKey, String keyPrefix, Instant createdAt) {
    }

    public record KeyView(String keyId, String tenantId, String keyPrefix, String status, List<String> roles,
                          Instant createdAt, Instant revokedAt) {
    }

    public record KeyResolution(String keyId, String tenantId, String keyStatus, String tenantStatus,
                                List<String> roles, TenantSettings settings) {
    }

    @PostMapping("/api/v1/tenants/{tenantId}/api-keys")
    public ResponseEntity<IssuedKey> issue(Caller caller,
                                           @PathVariable String tenantId,
                                           @Valid @RequestBody(required = false) IssueKey request) {
        Callers.requireAdmin(caller);
        tenants.find(tenantId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no tenant '" + tenantId + "'"));
        String environment = request == null || request.environment() == null
                ? properties.environment() : request.environment();
        String key = ApiKeyGenerator.newKey(environment);
        String keyId = ApiKeyGenerator.newKeyId();
        String prefix = ApiKeyGenerator.displayPrefix(key);
        Instant createdAt = jdbc.sql("insert into metadata.api_keys (id, tenant_id, key_hash, key_prefix)"
                        + " values (?, ?, ?, ?) returning created_at")
                .params(keyId, tenantId, ApiKeyGenerator.sha256Hex(key), prefix)
                .query((rows, i) -> rows.getTimestamp(1).toInstant()).single();
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenantId + "/api-keys/" + keyId))
                .body(new IssuedKey(keyId, tenantId, key, prefix, createdAt));
    }

    @GetMapping("/api/v1/tenants/{tenantId}/api-keys")
    public List<KeyView> list(Caller caller,
                              @PathVariable String tenantId) {
        Callers.requireAdmin(caller);
        return jdbc.sql("select id, tenant_id, key_prefix, status, roles, created_at, revoked_at"
                        + " from metadata.api_keys where tenant_id = ? order by created_at, id")
                .param(tenantId)
                .query((rows, i) -> new KeyView(rows.getString("id"), rows.getString("tenant_id"),
                        rows.getString("key_prefix"), rows.getString("status"),
                        Arrays.asList((String[]) rows.getArray("roles").getArray()),
                        rows.getTimestamp("created_at").toInstant(),
                        rows.getTimestamp("revoked_at") == null ? null : rows.getTimestamp("revoked_at").toInstant()))
                .list();
    }

    @DeleteMapping("/api/v1/tenants/{tenantId}/api-keys/{keyId}")
    public ResponseEntity<Void> revoke(Caller caller,
                                       @PathVariable String tenantId, @PathVariable String keyId) {
        Callers.requireAdmin(caller);
        int updated = jdbc.sql("update metadata.api_keys set status = 'revoked', revoked_at = coalesce(revoked_at, now())"
                        + " where id = ? and tenant_id = ?")
                .params(keyId, tenantId).update();
        if (updated == 0) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no key '" + keyId + "' for tenant '" + tenantId + "'");
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/internal/v1/api-keys/{sha256hex}")
    public KeyResolution resolve(Caller caller,
                                 @PathVariable @Pattern(regexp = "[0-9a-f]{64}") String sha256hex) {
        Callers.requireAdmin(caller);
        record Row(String keyId, String tenantId, String keyStatus, List<String> roles) {
        }
        Optional<Row> tenantKey = jdbc.sql("select id, tenant_id, status, roles from metadata.api_keys where key_hash = ?")
                .param(sha256hex)
                .query((rows, i) -> new Row(rows.getString("id"), rows.getString("tenant_id"), rows.getString("status"),
                        Arrays.asList((String[]) rows.getArray("roles").getArray())))
                .optional();
        if (tenantKey.isEmpty()) {
            // an admin key: no tenant, no tenant settings, the admin role
            return adminKeys.findByHash(sha256hex)
                    .map(key -> new KeyResolution(key.keyId(), null, key.status(), null,
                            List.of(IdentityAssertion.ROLE_ADMIN), null))
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "unknown API key"));
        }
        Row row = tenantKey.get();
        Tenant tenant = tenants.find(row.tenantId()).orElseThrow();
        return new KeyResolution(row.keyId(), row.tenantId(), row.keyStatus(), tenant.status(), row.roles(),
                tenant.settings());
    }
}
