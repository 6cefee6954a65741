package io.uplink.metadata.web;

import io.uplink.servlet.problem.ApiProblemHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problems this service reports: Spring's own and a database outage (503 with {@code Retry-After}; nothing was
 * changed, so the same call can simply be repeated) come from {@link ApiProblemHandler}.
 */
@RestControllerAdvice
class ProblemResponses extends ApiProblemHandler {

    ProblemResponses() {
        super("the metadata database is unavailable; retry shortly");
    }
}
