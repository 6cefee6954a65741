package io.uplink.callback.fanout;

import io.uplink.contracts.InvalidEventException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.TransactionException;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * What happens to a record the listener could not process:
 * <ul>
 *   <li>poison (not a valid FileEvent): straight to {@code uplink.files.events-dlt}, untouched, with headers
 *   naming the exception and the reason; the partition moves on;</li>
 *   <li>database trouble: retried with growing pauses and without limit, so an outage delays events but never
 *   skips one (the offset is not committed meanwhile);</li>
 *   <li>anything else: a few quick retries, then the dead-letter topic.</li>
 * </ul>
 * If publishing to the dead-letter topic itself fails, the record is retried rather than dropped.
 */
@Configuration(proxyBeanMethods = false)
class FanOutErrorHandlingConfiguration {

    static final String REASON_HEADER = "uplink-dlt-reason";

    @Bean
    DefaultErrorHandler fanOutErrorHandler(KafkaOperations<?, ?> kafka, FanOutProperties properties) {
        DeadLetterPublishingRecoverer deadLetters = new BatchAwareDeadLetters(kafka);
        deadLetters.addHeadersFunction((record, exception) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(REASON_HEADER, reason(exception).getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, new FixedBackOff(1_000, 3));
        handler.addNotRetryableExceptions(InvalidEventException.class);
        ExponentialBackOff waitOutDatabase = new ExponentialBackOff(
                properties.databaseRetryInitialInterval().toMillis(), 2.0);
        waitOutDatabase.setMaxInterval(properties.databaseRetryMaxInterval().toMillis());
        waitOutDatabase.setMaxElapsedTime(Long.MAX_VALUE);
        waitOutDatabase.setMaxAttempts(Long.MAX_VALUE);
        handler.setBackOffFunction((record, exception) -> isDatabaseFailure(exception) ? waitOutDatabase : null);
        return handler;
    }

    /**
     * The batch listener reports a failed record as a {@link BatchListenerFailedException} around the real
     * failure; the dead letter's exception headers name the real failure, as they did for the record listener.
     */
    private static final class BatchAwareDeadLetters extends DeadLetterPublishingRecoverer {

        BatchAwareDeadLetters(KafkaOperations<?, ?> kafka) {
            super(kafka);
        }

        @Override
        public void accept(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, Exception exception) {
            super.accept(record, consumer, withoutBatchWrapper(exception));
        }

        private static Exception withoutBatchWrapper(Exception exception) {
            Throwable wrapper = exception instanceof ListenerExecutionFailedException ? exception.getCause() : exception;
            if (wrapper instanceof BatchListenerFailedException batch && batch.getCause() != null) {
                String group = exception instanceof ListenerExecutionFailedException listener
                        ? listener.getGroupId() : null;
                return new ListenerExecutionFailedException(batch.getCause().getMessage(), group, batch.getCause());
            }
            return exception;
        }
    }

    static boolean isDatabaseFailure(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessException || cause instanceof TransactionException
                    || cause instanceof SQLException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String reason(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidEventException) {
                return "invalid-event: " + cause.getMessage();
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "processing-failed: " + root.getClass().getName() + ": " + root.getMessage();
    }
}
