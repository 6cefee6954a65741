package io.uplink.metadata.tenant;

import io.uplink.metadata.scanner.Scanners;
import io.uplink.metadata.identity.Callers;
import io.uplink.servlet.identity.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.net.URI;
import java.util.List;

/** The tenant registry, for admins (and the services, which call with role admin). */
@RestController
@RequestMapping("/api/v1/tenants")
public class TenantController {

    private final TenantRepository tenants;
    private final Scanners scanners;

    public TenantController(TenantRepository tenants, Scanners scanners) {
        this.tenants = tenants;
        this.scanners = scanners;
    }

    public record CreateTenant(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}") String id,
            @NotBlank @Size(max = 200) String name,
            @Valid TenantSettings settings) {
    }

    public record TenantPage(List<Tenant> items, String nextAfter) {
    }

    @PostMapping
    public ResponseEntity<Tenant> create(Caller caller,
                                         @Valid @RequestBody CreateTenant request) {
        Callers.requireAdmin(caller);
        TenantSettings settings = request.settings() == null ? TenantSettings.defaults() : request.settings();
        requireScannerFor(settings);
        Tenant tenant = tenants.create(request.id(), request.name(), settings);
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant.id())).body(tenant);
    }

    @GetMapping
    public TenantPage list(Caller caller,
                           @RequestParam(required = false) String after,
                           @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        Callers.requireAdmin(caller);
        List<Tenant> page = tenants.list(after, limit);
        return new TenantPage(page, page.size() == limit ? page.get(page.size() - 1).id() : null);
    }

    @GetMapping("/{tenantId}")
    public Tenant get(Caller caller,
                      @PathVariable String tenantId) {
        Callers.requireAdminOrTenantReader(caller);
        return tenants.find(tenantId).orElseThrow(() -> notFound(tenantId));
    }

    @PostMapping("/{tenantId}/suspend")
    public Tenant suspend(Caller caller,
                          @PathVariable String tenantId) {
        Callers.requireAdmin(caller);
        return tenants.setStatus(tenantId, Tenant.SUSPENDED).orElseThrow(() -> notFound(tenantId));
    }

    @PostMapping("/{tenantId}/resume")
    public Tenant resume(Caller caller,
                         @PathVariable String tenantId) {
        Callers.requireAdmin(caller);
        return tenants.setStatus(tenantId, Tenant.ACTIVE).orElseThrow(() -> notFound(tenantId));
    }

    @PutMapping("/{tenantId}/settings")
    public Tenant updateSettings(Caller caller,
                                 @PathVariable String tenantId, @Valid @RequestBody TenantSettings settings) {
        Callers.requireAdmin(caller);
        requireScannerFor(settings);
        return tenants.setSettings(tenantId, settings).orElseThrow(() -> notFound(tenantId));
    }

    /** A tenant's uploads are held for a scanner only where one is configured to release them. */
    private void requireScannerFor(TenantSettings settings) {
        if (settings.scanUploads() && !scanners.available()) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, "scanUploads needs a scanner, and"
                    + " this deployment configures none (uplink.metadata.scanner.clamd.host)");
        }
    }

    static ResponseStatusException notFound(String tenantId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no tenant '" + tenantId + "'");
    }
}
