package io.uplink.servlet.problem;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.context.request.WebRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The base of each service's {@code @RestControllerAdvice}: RFC 9457 problem details for Spring's own exceptions
 * (from {@link ResponseEntityExceptionHandler}) and for a database outage; a service adds its own mappings.
 */
public abstract class ApiProblemHandler extends ResponseEntityExceptionHandler {

    /** Seconds: about how long Postgres takes to restart or fail over. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    private final String databaseUnavailableDetail;

    /** @param databaseUnavailableDetail what the client reads when the service's database is down */
    protected ApiProblemHandler(String databaseUnavailableDetail) {
        this.databaseUnavailableDetail = databaseUnavailableDetail;
    }

    /**
     * Postgres down or restarting: a 503 with {@code Retry-After}, not a 500, so the gateway and clients retry rather
     * than report a bug. A transaction that cannot begin, commit or roll back (a pooled connection Postgres closed
     * fails its statement and then its rollback) is the same outage.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            RecoverableDataAccessException.class, TransactionException.class})
    protected ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        log.warn("database unavailable: {}", e.getMessage());
        return serviceUnavailable(databaseUnavailableDetail);
    }

    /** A body past the service's limit, found while reading it (it declared no length). */
    @ExceptionHandler(BodyTooLargeException.class)
    protected ResponseEntity<ProblemDetail> bodyTooLarge(BodyTooLargeException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage()));
    }

    @Override
    protected final ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                ResponseEntity<ProblemDetail> refused = bodyTooLarge(tooLarge);
                return ResponseEntity.status(refused.getStatusCode()).body(refused.getBody());
            }
        }
        return unreadableBody(e, headers, status, request);
    }

    /** A body the endpoint cannot read (not a size matter); by default Spring's 400 problem. */
    protected ResponseEntity<Object> unreadableBody(HttpMessageNotReadableException e, HttpHeaders headers,
                                                    HttpStatusCode status, WebRequest request) {
        return super.handleHttpMessageNotReadable(e, headers, status, request);
    }

    /** A 503 the client should retry after {@link #RETRY_AFTER_SECONDS}. */
    protected static ResponseEntity<ProblemDetail> serviceUnavailable(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setTitle("Service unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }
}
