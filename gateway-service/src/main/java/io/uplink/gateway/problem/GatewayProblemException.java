package io.uplink.gateway.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** A refusal the gateway decided on itself (auth, limits, breakers); rendered as problem+json with its headers. */
public class GatewayProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final HttpHeaders headers;

    public GatewayProblemException(HttpStatus status, String title, String detail) {
        this(status, title, detail, new HttpHeaders());
    }

    public GatewayProblemException(HttpStatus status, String title, String detail, HttpHeaders headers) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.headers = headers;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public HttpHeaders headers() {
        return headers;
    }
}
