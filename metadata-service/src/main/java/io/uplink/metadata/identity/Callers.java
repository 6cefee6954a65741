package io.uplink.metadata.identity;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.servlet.identity.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Authorisation decisions on a verified caller. */
public final class Callers {

    private Callers() {
    }

    public static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "this operation needs the admin role");
        }
    }

    /** An admin, or a service reading tenants' registrations ({@code tenant-reader}, as credential-service does). */
    public static void requireAdminOrTenantReader(Caller caller) {
        if (!caller.isAdmin() && !caller.hasRole(IdentityAssertion.ROLE_TENANT_READER)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "this operation needs the admin role");
        }
    }

    /** The caller's own tenant; only a tenant credential has one to manage (an admin names tenants in the path). */
    public static String ownTenant(Caller caller) {
        if (caller.tenantId() == null || !caller.hasRole(IdentityAssertion.ROLE_TENANT)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "this operation needs the tenant role");
        }
        return caller.tenantId();
    }

    /**
     * The tenant whose data the caller may see: its own for a tenant caller (a requested other tenant is refused as
     * not found, so tenants cannot probe each other), the requested one (or null = all) for an admin.
     */
    public static String tenantScope(Caller caller, String requestedTenant) {
        if (caller.isAdmin()) {
            return requestedTenant;
        }
        if (caller.tenantId() == null || !caller.hasRole(IdentityAssertion.ROLE_TENANT)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "this operation needs the tenant role");
        }
        if (requestedTenant != null && !requestedTenant.equals(caller.tenantId())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "tenants may only query their own files");
        }
        return caller.tenantId();
    }
}
