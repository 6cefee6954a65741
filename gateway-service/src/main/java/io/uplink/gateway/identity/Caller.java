package io.uplink.gateway.identity;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.UploadToken;
import io.uplink.gateway.tenant.TenantSettings;
import org.springframework.web.server.ServerWebExchange;

import java.util.List;

/**
 * Who the gateway established the caller to be.
 *
 * @param settings the tenant's settings when known; null means "use the gateway's defaults"
 * @param uploadToken the end user's upload token, for an uploader; null for tenant and admin credentials
 */
public record Caller(String tenantId, String subject, List<String> roles, TenantSettings settings,
                     UploadToken uploadToken) {

    public static final String ATTRIBUTE = Caller.class.getName();

    public Caller {
        roles = List.copyOf(roles);
    }

    public Caller(String tenantId, String subject, List<String> roles, TenantSettings settings) {
        this(tenantId, subject, roles, settings, null);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return hasRole(IdentityAssertion.ROLE_ADMIN);
    }

    /** The identity rate limits and logs are keyed by: the tenant, or the admin subject acting across tenants. */
    public String accountKey() {
        return tenantId != null ? tenantId : "admin:" + subject;
    }

    public static Caller of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }
}
