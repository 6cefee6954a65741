package io.uplink.metadata.ingest;

import io.uplink.contracts.InvalidEventException;

/** A well-formed event that must never be applied (wrong tenant prefix, unknown tenant): it goes to the DLT. */
public class RejectedEventException extends InvalidEventException {

    public RejectedEventException(String message) {
        super(message, null);
    }
}
