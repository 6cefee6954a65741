package io.uplink.metadata.erasure;

import io.uplink.metadata.identity.Callers;
import io.uplink.servlet.identity.Caller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/tenants/{id}/erasure}: admins erase a tenant and get the report of what was removed. */
@RestController
public class ErasureController {

    private final TenantErasure erasure;

    ErasureController(TenantErasure erasure) {
        this.erasure = erasure;
    }

    @PostMapping("/api/v1/tenants/{tenantId}/erasure")
    public ErasureReport erase(Caller caller,
                               @PathVariable String tenantId) {
        Callers.requireAdmin(caller);
        return erasure.erase(tenantId);
    }
}
