package io.uplink.credential.web;

import io.uplink.credential.storage.StorageTargetNotAllowedException;
import io.uplink.credential.quota.QuotaExceededException;
import software.amazon.awssdk.core.exception.SdkException;
import io.uplink.credential.storage.UnknownStorageTargetException;
import io.uplink.credential.tenant.TenantLookupFailedException;
import io.uplink.credential.tenant.TenantUnavailableException;
import io.uplink.servlet.problem.ApiProblemHandler;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

import java.util.List;
import java.util.Map;

/** Every error is RFC 9457 problem+json naming the field and the rule; nothing leaks as a 500 with a stack trace. */
@RestControllerAdvice
class ProblemResponses extends ApiProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    ProblemResponses() {
        super("upload sessions cannot be stored right now; retry shortly");
    }

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "rule", e.rule())));
        return problem;
    }

    /**
     * A quota the upload would break: 403 naming it, its limit and the tenant's use; the daily quota is a 429 with
     * Retry-After until it frees up at 00:00 UTC.
     */
    @ExceptionHandler(QuotaExceededException.class)
    ResponseEntity<ProblemDetail> quotaExceeded(QuotaExceededException e) {
        boolean daily = e.retryAfter() != null;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(daily ? HttpStatus.TOO_MANY_REQUESTS
                : HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Quota exceeded");
        problem.setProperty("rule", "quota");
        problem.setProperty("quota", e.quota());
        problem.setProperty("limit", e.limit());
        problem.setProperty("used", e.used());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus());
        if (daily) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
        }
        return response.body(problem);
    }

    @ExceptionHandler(UploadConflictException.class)
    ProblemDetail conflict(UploadConflictException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setProperty("rule", e.rule());
        return problem;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ServiceUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(ServiceUnavailableException e) {
        log.warn("dependency unavailable: {}", e.getMessage(), e.getCause());
        return serviceUnavailable(e.getMessage());
    }

    /** A configuration gap, not a client error: no credential for some other store, and a problem naming the target. */
    @ExceptionHandler(UnknownStorageTargetException.class)
    ProblemDetail unknownStorageTarget(UnknownStorageTargetException e) {
        log.error("tenant names an unconfigured storage target: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setProperty("storageTarget", e.target());
        problem.setProperty("rule", "storage-target-configured");
        return problem;
    }

    /** The request names a store its tenant may not use: 403 naming it. */
    @ExceptionHandler(StorageTargetNotAllowedException.class)
    ProblemDetail storageTargetNotAllowed(StorageTargetNotAllowedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setProperty("storageTarget", e.target());
        problem.setProperty("rule", "storage-target-allowed");
        return problem;
    }

    @ExceptionHandler(TenantUnavailableException.class)
    ProblemDetail tenantUnavailable(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(TenantLookupFailedException.class)
    ResponseEntity<ProblemDetail> tenantLookupFailed(RuntimeException e) {
        return unavailable(new ServiceUnavailableException("tenant settings are unavailable; retry shortly", e));
    }

    @ExceptionHandler(SdkException.class)
    ResponseEntity<ProblemDetail> storageFailed(RuntimeException e) {
        return unavailable(new ServiceUnavailableException("the object store did not answer as expected; retry", e));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "request is invalid");
        problem.setProperty("errors", e.getConstraintViolations().stream()
                .map(v -> Map.of("field", leaf(v.getPropertyPath().toString()), "rule", v.getMessage()))
                .toList());
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "request body is invalid");
        problem.setProperty("errors", e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(),
                        "rule", String.valueOf(error.getDefaultMessage())))
                .toList());
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> unreadableBody(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Jackson's message names the offending field/position without echoing large payloads.
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "request body is not valid JSON for this endpoint");
        problem.setProperty("errors", List.of(Map.of("field", "body", "rule", "malformed JSON")));
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("unexpected failure", e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "unexpected failure");
    }

    private static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
