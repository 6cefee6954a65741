package io.uplink.callback.endpoint;

/** A create or update request the service cannot accept as given: 400. */
public class InvalidEndpointException extends RuntimeException {

    public InvalidEndpointException(String message) {
        super(message);
    }
}
