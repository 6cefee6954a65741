package io.uplink.metadata.ingest;

import io.uplink.contracts.InvalidEventException;
import io.uplink.contracts.Topics;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The fallback for what the listeners do not handle themselves. They dead-letter rejected records inline
 * ({@link DeadLetters}); anything they throw (the database being down, above all, or a failed dead-letter publish)
 * is retried with backoff for as long as it takes, because skipping would lose an upload. Should an
 * {@link InvalidEventException} still escape a listener, it goes, untouched, to {@code <topic>-dlt} with the same
 * reason headers, and the partition keeps flowing.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    @Bean
    DefaultErrorHandler ingestErrorHandler(KafkaOperations<?, ?> template, IngestMetrics metrics) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        recoverer.setHeadersFunction((record, exception) -> {
            Throwable reason = rootReason(exception);
            metrics.deadLettered(record.topic(), reason.getClass().getSimpleName());
            RecordHeaders headers = new RecordHeaders();
            DeadLetters.addReason(headers, reason);
            return headers;
        });
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(InvalidEventException.class);
        return handler;
    }

    /** The most specific reason: our own rejection if there is one, else the deepest cause. */
    static Throwable rootReason(Throwable exception) {
        Throwable current = exception;
        Throwable deepest = exception;
        while (current != null) {
            if (current instanceof InvalidEventException) {
                return current;
            }
            deepest = current;
            current = current.getCause() == current ? null : current.getCause();
        }
        return deepest;
    }
}
