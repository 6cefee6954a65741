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

import java.nio.charset.StandardCharsets;

/**
 * Poison records go, untouched, to {@code <topic>-dlt} with headers naming the exception and the reason, and the
 * partition keeps flowing. Everything else (the database being down, above all) is retried with backoff for as
 * long as it takes, because skipping would lose an upload.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfig {

    static final String REASON_HEADER = "uplink-dlt-reason";
    static final String EXCEPTION_HEADER = "uplink-dlt-exception";

    @Bean
    DefaultErrorHandler ingestErrorHandler(KafkaOperations<?, ?> template, IngestMetrics metrics) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        recoverer.setHeadersFunction((record, exception) -> {
            Throwable reason = rootReason(exception);
            metrics.deadLettered(record.topic(), reason.getClass().getSimpleName());
            RecordHeaders headers = new RecordHeaders();
            headers.add(EXCEPTION_HEADER, reason.getClass().getName().getBytes(StandardCharsets.UTF_8));
            headers.add(REASON_HEADER, String.valueOf(reason.getMessage()).getBytes(StandardCharsets.UTF_8));
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
