package io.uplink.metadata.storage;

/** A file is in a store this service has no configuration for: a deployment gap, not the caller's fault. */
public class UnknownStorageTargetException extends RuntimeException {

    private final String target;

    public UnknownStorageTargetException(String target) {
        super("storage target '" + target + "' is not configured here (uplink.metadata.storage.targets." + target
                + ".*)");
        this.target = target;
    }

    public String target() {
        return target;
    }
}
