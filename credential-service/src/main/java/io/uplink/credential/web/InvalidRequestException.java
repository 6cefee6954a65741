package io.uplink.credential.web;

import org.springframework.http.HttpStatus;

/**
 * A request that breaks a rule: answered as a problem naming the field and the rule, never with a credential.
 */
public class InvalidRequestException extends RuntimeException {

    private final HttpStatus status;
    private final String field;
    private final String rule;

    public InvalidRequestException(HttpStatus status, String field, String rule, String detail) {
        super(detail);
        this.status = status;
        this.field = field;
        this.rule = rule;
    }

    public static InvalidRequestException badRequest(String field, String rule, String detail) {
        return new InvalidRequestException(HttpStatus.BAD_REQUEST, field, rule, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
