package io.uplink.console.signin;

import org.springframework.security.core.context.SecurityContextHolder;

import java.io.Serializable;

/**
 * Who is signed in, kept in the server-side session only: the credential is what the console presents to the
 * gateway on the user's behalf, and it never goes back to the browser.
 *
 * @param tenantId the tenant of a tenant credential; null for an admin
 * @param keyPrefix what the pages show of the credential
 */
public record ConsoleUser(Role role, String tenantId, String keyPrefix, String credential) implements Serializable {

    public enum Role { ADMIN, TENANT }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public String displayName() {
        return isAdmin() ? "admin (" + keyPrefix + "…)" : tenantId + " (" + keyPrefix + "…)";
    }

    /** The signed-in user of the current request. */
    public static ConsoleUser current() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof ConsoleUser user)) {
            throw new IllegalStateException("no console user signed in");
        }
        return user;
    }

    @Override
    public String toString() {
        // never the credential: principals end up in logs and debug output
        return "ConsoleUser[" + role + ", " + (tenantId == null ? "-" : tenantId) + ", " + keyPrefix + "…]";
    }
}
