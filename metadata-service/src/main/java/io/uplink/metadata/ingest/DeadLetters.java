package io.uplink.metadata.ingest;

import io.uplink.contracts.InvalidEventException;
import io.uplink.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.stereotype.Component;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Dead-letters the rejected records of a batch inside the listener call: each goes, untouched, to the same
 * partition of {@code <topic>-dlt} with the headers {@link DeadLetterConfiguration}'s recoverer adds, and
 * {@link #publish} returns only once the broker has acknowledged all of them, so the batch's offsets are committed
 * after its poison records are safe. Handing them to the error handler one by one instead cost a seek, a re-poll of
 * the rest of the batch and a stack trace per record: minutes of a core for a flood of them. A failed publish
 * throws, the error handler retries the batch and nothing is committed: a rejected record may be dead-lettered
 * twice, never lost.
 */
@Component
public class DeadLetters {

    private static final String REASON_HEADER = "uplink-dlt-reason";
    private static final String EXCEPTION_HEADER = "uplink-dlt-exception";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    /** Beyond this many rejected records in one batch, one summary line instead of a line per record. */
    private static final int LOGGED_ONE_BY_ONE = 10;
    /** Longer than the producer's own delivery timeout would be pointless; shorter than max.poll.interval.ms. */
    private static final long SEND_TIMEOUT_SECONDS = 60;

    /** A record that must never be applied, and why. */
    public record Rejected(ConsumerRecord<String, byte[]> record, InvalidEventException reason) {
    }

    private final KafkaOperations<String, byte[]> kafka;
    private final IngestMetrics metrics;

    public DeadLetters(KafkaOperations<String, byte[]> kafka, IngestMetrics metrics) {
        this.kafka = kafka;
        this.metrics = metrics;
    }

    /** @throws KafkaException when not every record was acknowledged: the batch must not be committed */
    public void publish(List<Rejected> rejected) {
        if (rejected.isEmpty()) {
            return;
        }
        List<Rejected> inOrder = new ArrayList<>(rejected);
        // Offset order keeps each dead-letter partition in the order of its source partition.
        inOrder.sort(Comparator.comparingLong(r -> r.record().offset()));
        String groupId = KafkaUtils.getConsumerGroupId();
        List<CompletableFuture<?>> sends = new ArrayList<>(inOrder.size());
        try {
            for (Rejected r : inOrder) {
                sends.add(kafka.send(deadLetter(r, groupId)));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notDeadLettered(inOrder, e);
        } catch (ExecutionException e) {
            throw notDeadLettered(inOrder, e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            throw notDeadLettered(inOrder, e);
        }
        inOrder.forEach(r -> metrics.deadLettered(r.record().topic(), r.reason().getClass().getSimpleName()));
        logDeadLettered(inOrder);
    }

    /** The headers naming why a record was dead-lettered, shared with the error handler's recoverer. */
    static void addReason(Headers headers, Throwable reason) {
        headers.add(EXCEPTION_HEADER, utf8(reason.getClass().getName()));
        headers.add(REASON_HEADER, utf8(String.valueOf(reason.getMessage())));
    }

    private static ProducerRecord<String, byte[]> deadLetter(Rejected rejected, String groupId) {
        ConsumerRecord<String, byte[]> record = rejected.record();
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(record.topic()));
        headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(record.partition()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(record.offset()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(8).putLong(record.timestamp()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE, utf8(record.timestampType().toString()));
        if (groupId != null) {
            headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, utf8(groupId));
        }
        InvalidEventException reason = rejected.reason();
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(reason.getClass().getName()));
        if (reason.getCause() != null) {
            headers.add(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN, utf8(reason.getCause().getClass().getName()));
        }
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(String.valueOf(reason.getMessage())));
        addReason(headers, reason);
        return new ProducerRecord<>(Topics.deadLetter(record.topic()), record.partition(), record.key(),
                record.value(), headers);
    }

    private static KafkaException notDeadLettered(List<Rejected> rejected, Throwable cause) {
        return new KafkaException("could not dead-letter " + rejected.size() + " rejected record(s) of "
                + rejected.get(0).record().topic() + "; the batch is not committed and will be retried", cause);
    }

    private static void logDeadLettered(List<Rejected> rejected) {
        if (rejected.size() <= LOGGED_ONE_BY_ONE) {
            rejected.forEach(r -> log.warn("Dead-lettered {}: {}", position(r), r.reason().getMessage()));
            return;
        }
        Map<String, Integer> byException = new TreeMap<>();
        rejected.forEach(r -> byException.merge(r.reason().getClass().getSimpleName(), 1, Integer::sum));
        Rejected first = rejected.get(0);
        log.warn("Dead-lettered {} records of one batch {}, first {}: {}", rejected.size(), byException,
                position(first), first.reason().getMessage());
    }

    private static String position(Rejected rejected) {
        ConsumerRecord<String, byte[]> record = rejected.record();
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
