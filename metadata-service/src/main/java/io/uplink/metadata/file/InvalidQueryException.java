package io.uplink.metadata.file;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A malformed query: answered 400 problem+json. */
public class InvalidQueryException extends ResponseStatusException {

    public InvalidQueryException(String reason) {
        super(HttpStatus.BAD_REQUEST, reason);
    }
}
