package io.uplink.callback.web;

import io.uplink.callback.endpoint.EndpointLimitExceededException;
import io.uplink.callback.endpoint.EndpointLimitProperties;
import io.uplink.callback.endpoint.EndpointNotFoundException;
import io.uplink.callback.endpoint.InvalidEndpointException;
import io.uplink.callback.log.MessageNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** RFC 9457 problem details for every error the API reports; Spring's own exceptions come from the superclass. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    /** Seconds: about how long Postgres takes to restart or fail over. */
    static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** Names every invalid field, so a client can fix its request without guessing. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail problem = e.getBody();
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        problem.setDetail("invalid fields: " + e.getBindingResult().getFieldErrors().stream()
                .map(FieldError::getField).distinct().sorted().collect(Collectors.joining(", ")));
        problem.setProperty("errors", errors);
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    @ExceptionHandler(InvalidEndpointException.class)
    ProblemDetail invalid(InvalidEndpointException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request");
        return problem;
    }

    /** Names the rule and its limit, so the tenant knows what to change and an operator which property to raise. */
    @ExceptionHandler(EndpointLimitExceededException.class)
    ProblemDetail endpointLimit(EndpointLimitExceededException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Too many webhook endpoints");
        problem.setProperty("rule", EndpointLimitProperties.MAX_PER_TENANT);
        problem.setProperty("limit", e.limit());
        return problem;
    }

    @ExceptionHandler({EndpointNotFoundException.class, MessageNotFoundException.class})
    ProblemDetail notFound(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    /**
     * Postgres down or restarting: a 503 with {@code Retry-After}, not a 500, so the gateway and clients retry rather
     * than report a bug. Nothing was changed when it happens, so the same call can simply be repeated. A transaction
     * that cannot begin, commit or roll back ({@link TransactionException}: a pooled connection Postgres closed
     * fails its statement and then its rollback) is the same outage.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            RecoverableDataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        log.warn("database unavailable: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the webhook database is unavailable; retry shortly");
        problem.setTitle("Service unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }
}
