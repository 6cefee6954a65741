package io.uplink.credential.storage;

import java.util.Set;

/** The request names a storage target its tenant may not use. */
public class StorageTargetNotAllowedException extends RuntimeException {

    private final String target;

    StorageTargetNotAllowedException(String target, Set<String> allowed) {
        super("the tenant may not upload to storage target '" + target + "'; it may use " + allowed);
        this.target = target;
    }

    public String target() {
        return target;
    }
}
