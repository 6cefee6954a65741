package io.uplink.callback.web;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures count as the database being away (503 with Retry-After). A pooled connection that Postgres closed
 * fails its statement and then its rollback: the request ends in a TransactionSystemException, which must not become
 * a 500 (ApiWhilePostgresIsDownTest met it when an endpoint was created in a transaction during an outage).
 */
class DatabaseOutageProblemsTest {

    private final ExceptionHandlerMethodResolver handlers = new ExceptionHandlerMethodResolver(ProblemHandler.class);

    @Test
    void aTransactionThatCannotRollBackOrBeginIsTheDatabaseBeingAway() {
        assertThat(handlers.resolveMethodByThrowable(new TransactionSystemException("JDBC rollback failed")))
                .isNotNull().extracting(method -> method.getName()).isEqualTo("databaseUnavailable");
        assertThat(handlers.resolveMethodByThrowable(new CannotCreateTransactionException("no connection")))
                .isNotNull().extracting(method -> method.getName()).isEqualTo("databaseUnavailable");
    }
}
