package io.uplink.contracts;

/** A record that can never be processed, however often it is retried: it belongs on the dead-letter topic. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
