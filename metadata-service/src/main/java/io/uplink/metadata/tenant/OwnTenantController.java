package io.uplink.metadata.tenant;

import io.uplink.metadata.identity.Callers;
import io.uplink.servlet.identity.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * A tenant's own view of itself: its settings, and the browser origins it serves its pages from, which it sets
 * without an admin. The gateway picks a change up within its tenant cache's age (60 s).
 */
@RestController
@RequestMapping("/api/v1/tenant")
public class OwnTenantController {

    private final TenantRepository tenants;

    public OwnTenantController(TenantRepository tenants) {
        this.tenants = tenants;
    }

    /** @param corsOrigins exact origins, or with any port: {@code http://localhost:*} */
    public record CorsOrigins(@NotNull @Size(max = 50) List<@Pattern(regexp = "https?://[^\\s/*:]+(:([0-9]{1,5}|\\*))?",
            message = "must be an origin such as https://app.example.com or http://localhost:*") String> corsOrigins) {
    }

    @GetMapping
    public Tenant get(Caller caller) {
        String tenantId = Callers.ownTenant(caller);
        return tenants.find(tenantId).orElseThrow(() -> TenantController.notFound(tenantId));
    }

    @GetMapping("/cors-origins")
    public CorsOrigins corsOrigins(Caller caller) {
        return new CorsOrigins(get(caller).settings().corsOrigins());
    }

    @PutMapping("/cors-origins")
    public CorsOrigins setCorsOrigins(Caller caller,
                                      @Valid @RequestBody CorsOrigins origins) {
        String tenantId = Callers.ownTenant(caller);
        Tenant tenant = tenants.setCorsOrigins(tenantId, origins.corsOrigins())
                .orElseThrow(() -> TenantController.notFound(tenantId));
        return new CorsOrigins(tenant.settings().corsOrigins());
    }
}
