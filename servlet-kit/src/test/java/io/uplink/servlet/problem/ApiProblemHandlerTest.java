package io.uplink.servlet.problem;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

import static org.assertj.core.api.Assertions.assertThat;

class ApiProblemHandlerTest {

    static class ServiceProblems extends ApiProblemHandler {
        ServiceProblems() {
            super("the example database is unavailable; retry shortly");
        }
    }

    private final ExceptionHandlerMethodResolver handlers = new ExceptionHandlerMethodResolver(ServiceProblems.class);

    /** A pooled connection Postgres closed fails its statement and then its rollback: still an outage, not a 500. */
    @Test
    void aTransactionThatCannotRollBackOrBeginIsTheDatabaseBeingAway() {
        for (RuntimeException e : new RuntimeException[] {new TransactionSystemException("JDBC rollback failed"),
                new CannotCreateTransactionException("no connection"), new DataAccessResourceFailureException("x")}) {
            assertThat(handlers.resolveMethodByThrowable(e)).isNotNull()
                    .extracting(method -> method.getName()).isEqualTo("databaseUnavailable");
        }
    }

    @Test
    void aDatabaseOutageIsA503TheClientRetriesWithTheServicesOwnDetail() {
        ResponseEntity<ProblemDetail> response =
                new ServiceProblems().databaseUnavailable(new DataAccessResourceFailureException("refused"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(response.getBody().getDetail()).isEqualTo("the example database is unavailable; retry shortly");
        assertThat(response.getBody().getTitle()).isEqualTo("Service unavailable");
    }
}
