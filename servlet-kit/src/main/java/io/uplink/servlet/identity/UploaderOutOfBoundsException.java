package io.uplink.servlet.identity;

/** A valid uploader on a route an upload token does not open: a 403, not a 401. */
class UploaderOutOfBoundsException extends RuntimeException {

    UploaderOutOfBoundsException(String message) {
        super(message);
    }
}
