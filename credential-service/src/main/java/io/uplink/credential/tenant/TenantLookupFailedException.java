package io.uplink.credential.tenant;

/** The tenant registry did not answer usably; the caller may retry. */
public class TenantLookupFailedException extends RuntimeException {

    public TenantLookupFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
