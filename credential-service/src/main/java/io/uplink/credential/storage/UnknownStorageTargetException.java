package io.uplink.credential.storage;

/**
 * A tenant names a storage target this service has no configuration for. Answered as a 503 problem naming the
 * target, never with a credential for some other store.
 */
public class UnknownStorageTargetException extends RuntimeException {

    private final String target;

    public UnknownStorageTargetException(String target) {
        super("storage target '" + target + "' is not configured on this service");
        this.target = target;
    }

    public String target() {
        return target;
    }
}
