package io.uplink.credential.tenant;

/** The tenant is unknown to the registry or suspended: it gets no credentials. */
public class TenantUnavailableException extends RuntimeException {

    public TenantUnavailableException(String message) {
        super(message);
    }
}
