package io.uplink.metadata.file;

import io.uplink.metadata.identity.Callers;
import io.uplink.servlet.identity.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Which store an object key of a tenant is in ({@code GET /api/v1/tenants/{id}/file-locations?key=}, admins and
 * tenant-readers): credential-service asks it to sign a download of a file it has no upload session for (an STS
 * upload, an object only the store reported) for that file's store rather than the tenant's current one.
 */
@RestController
public class FileLocationController {

    /** Where the newest active or pending version of the key is. */
    public record FileLocation(String key, String storageTarget, String bucket, String versionId) {
    }

    private final JdbcClient jdbc;

    FileLocationController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/v1/tenants/{tenantId}/file-locations")
    public FileLocation locate(Caller caller,
                               @PathVariable String tenantId,
                               @RequestParam String key) {
        Callers.requireAdminOrTenantReader(caller);
        return jdbc.sql("select storage_target, bucket, version_id from metadata.files where tenant_id = ?"
                        + " and object_key = ? and status in ('" + FileEvents.ACTIVE + "', '" + FileEvents.PENDING + "')"
                        + " order by created_at desc limit 1")
                .params(tenantId, key)
                .query((rows, i) -> new FileLocation(key, rows.getString(1), rows.getString(2), rows.getString(3)))
                .optional()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "tenant '" + tenantId + "' has no file at '" + key + "'"));
    }
}
