package io.uplink.metadata.web;

import io.uplink.metadata.storage.UnknownStorageTargetException;
import io.uplink.servlet.problem.ApiProblemHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problems this service reports: Spring's own and a database outage (503 with {@code Retry-After}; nothing was
 * changed, so the same call can simply be repeated) come from {@link ApiProblemHandler}; a file in a store this
 * deployment does not configure is a 503 naming the store.
 */
@RestControllerAdvice
class ProblemResponses extends ApiProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    ProblemResponses() {
        super("the metadata database is unavailable; retry shortly");
    }

    /** A configuration gap, not a client error; the same rule name as credential-service's. */
    @ExceptionHandler(UnknownStorageTargetException.class)
    ProblemDetail unknownStorageTarget(UnknownStorageTargetException e) {
        log.error("a file is in an unconfigured store: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setProperty("storageTarget", e.target());
        problem.setProperty("rule", "storage-target-configured");
        return problem;
    }
}
