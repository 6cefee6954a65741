package io.uplink.credential.web;

/** A dependency failed; the client may retry the same call safely (503 with Retry-After). */
public class ServiceUnavailableException extends RuntimeException {

    public ServiceUnavailableException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
