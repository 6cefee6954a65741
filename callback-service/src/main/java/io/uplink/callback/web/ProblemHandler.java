package io.uplink.callback.web;

import io.uplink.callback.endpoint.EndpointLimitExceededException;
import io.uplink.callback.endpoint.EndpointLimitProperties;
import io.uplink.callback.endpoint.EndpointNotFoundException;
import io.uplink.callback.endpoint.InvalidEndpointException;
import io.uplink.callback.log.MessageNotFoundException;
import io.uplink.servlet.problem.ApiProblemHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** RFC 9457 problem details for every error the API reports; Spring's own and a database outage come from the base. */
@RestControllerAdvice
class ProblemHandler extends ApiProblemHandler {

    ProblemHandler() {
        super("the webhook database is unavailable; retry shortly");
    }

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
}
