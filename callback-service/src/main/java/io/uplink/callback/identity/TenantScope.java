package io.uplink.callback.identity;

import io.uplink.servlet.identity.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The tenant an API call acts for: always the one in the verified assertion, never one the client names. */
public final class TenantScope {

    private TenantScope() {
    }

    public static String tenantOf(Caller caller) {
        if (caller == null || caller.tenantId() == null) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "this API acts for a tenant; the caller has none");
        }
        return caller.tenantId();
    }
}
