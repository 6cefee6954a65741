package io.uplink.callback.ssrf;

/** An endpoint URL, or the address it leads to, that a webhook must not be sent to. */
public class ForbiddenTargetException extends RuntimeException {

    public ForbiddenTargetException(String message) {
        super(message);
    }
}
