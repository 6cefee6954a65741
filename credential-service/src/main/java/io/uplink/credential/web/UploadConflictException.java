package io.uplink.credential.web;

/** The stored object or session is not in the state the call needs (409). */
public class UploadConflictException extends RuntimeException {

    private final String rule;

    public UploadConflictException(String rule, String detail) {
        super(detail);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
