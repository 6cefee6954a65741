package io.uplink.servlet.problem;

import java.io.IOException;

/** A request body without a declared length ran past the service's limit while it was being read: a 413. */
public final class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long maxBytes) {
        super("the request body is larger than " + maxBytes + " bytes");
    }
}
