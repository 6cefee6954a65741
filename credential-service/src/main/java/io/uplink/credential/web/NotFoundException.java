package io.uplink.credential.web;

/** Unknown to this tenant: answered 404 whether it does not exist or belongs to another tenant. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail);
    }
}
