package io.uplink.metadata.apikey;

import io.uplink.metadata.identity.Callers;
import io.uplink.servlet.identity.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Admin keys, for admins: issue (the key is shown once), list, revoke. Rotation is issue-then-revoke; the last
 * active key cannot be revoked.
 */
@RestController
@RequestMapping("/api/v1/admin-keys")
public class AdminKeyController {

    private final AdminKeys keys;
    private final ApiKeyProperties properties;

    public AdminKeyController(AdminKeys keys, ApiKeyProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    public record IssueAdminKey(@Size(max = 100) @Pattern(regexp = "[\\p{L}\\p{N} ._@-]*") String label) {
    }

    public record IssuedAdminKey(String keyId, String apiKey, String keyPrefix, String label, Instant createdAt) {
    }

    @PostMapping
    public ResponseEntity<IssuedAdminKey> issue(Caller caller,
                                                @Valid @RequestBody(required = false) IssueAdminKey request) {
        Callers.requireAdmin(caller);
        String label = request == null || request.label() == null || request.label().isBlank()
                ? "issued by " + caller.subject() : request.label().trim();
        String key = ApiKeyGenerator.newKey(properties.environment());
        AdminKeys.AdminKey issued = keys.register(ApiKeyGenerator.newKeyId(), key, label);
        return ResponseEntity.created(URI.create("/api/v1/admin-keys/" + issued.keyId()))
                .body(new IssuedAdminKey(issued.keyId(), key, issued.keyPrefix(), issued.label(), issued.createdAt()));
    }

    @GetMapping
    public List<AdminKeys.AdminKey> list(Caller caller) {
        Callers.requireAdmin(caller);
        return keys.list();
    }

    @DeleteMapping("/{keyId}")
    public ResponseEntity<Void> revoke(Caller caller,
                                       @PathVariable String keyId) {
        Callers.requireAdmin(caller);
        return switch (keys.revoke(keyId)) {
            case REVOKED -> ResponseEntity.noContent().build();
            case NOT_FOUND -> throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no admin key '" + keyId + "'");
            case LAST_ACTIVE_KEY -> throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "'" + keyId + "' is the last active admin key: issue its successor first");
        };
    }
}
