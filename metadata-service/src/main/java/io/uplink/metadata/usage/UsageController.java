package io.uplink.metadata.usage;

import io.uplink.servlet.identity.Caller;
import io.uplink.metadata.identity.Callers;
import io.uplink.metadata.tenant.Tenant;
import io.uplink.metadata.tenant.TenantRepository;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A tenant's usage beside its quotas: {@code GET /api/v1/usage} for the tenant itself (an admin names the tenant),
 * {@code GET /api/v1/tenants/{id}/usage} for admins and the services that enforce the quotas.
 */
@RestController
public class UsageController {

    private final UsageRepository usage;
    private final TenantRepository tenants;
    private final Clock clock = Clock.systemUTC();

    UsageController(UsageRepository usage, TenantRepository tenants) {
        this.usage = usage;
        this.tenants = tenants;
    }

    @GetMapping("/api/v1/usage")
    public TenantUsage own(Caller caller,
                           @RequestParam(required = false) String tenantId) {
        String tenant = Callers.tenantScope(caller, tenantId);
        if (tenant == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "an admin names the tenant: ?tenantId=");
        }
        return of(tenant);
    }

    @GetMapping("/api/v1/tenants/{tenantId}/usage")
    public TenantUsage ofTenant(Caller caller,
                                @PathVariable String tenantId) {
        Callers.requireAdminOrTenantReader(caller);
        return of(tenantId);
    }

    private TenantUsage of(String tenantId) {
        Tenant tenant = tenants.find(tenantId).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no tenant '" + tenantId + "'"));
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        UsageRepository.Measured measured = usage.of(tenantId, day);
        return new TenantUsage(tenantId, measured.storedBytes(), measured.files(), measured.uploadsToday(), day,
                tenant.settings().quotas(), now);
    }
}
