package io.uplink.contracts.identity;

/** The caller's identity could not be established: the service answers 401. */
public class InvalidIdentityException extends RuntimeException {

    public InvalidIdentityException(String message) {
        super(message);
    }
}
