package io.uplink.metadata.ingest;

import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.uplink.contracts.InvalidEventException;
import io.uplink.metadata.tenant.KnownTenants;
import io.uplink.servlet.trace.RecordTracing;
import io.uplink.servlet.trace.SampledLines;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Ingests one consumed batch of a topic. The batch is validated first (the topic's reading, then the tenants: one
 * query for the batch); the valid records are stored in one go, the rejected ones dead-lettered beside them, and
 * only then does the call return and the batch's offsets commit. A record naming an unknown tenant is rejected
 * whole. A database failure (or a failed dead-letter publish) is thrown as is: the whole batch is retried with
 * backoff and no offset moves past an unsaved or un-dead-lettered record.
 * <p>
 * Each record gets its own consumer span, a child of the trace its headers carry (a new trace when they carry
 * none): the events its items cause carry that span's context on, and its log lines carry its ids.
 */
@Component
public class BatchIngestion {

    private static final Logger log = LoggerFactory.getLogger(BatchIngestion.class);

    private final KnownTenants knownTenants;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final RecordTracing tracing;

    public BatchIngestion(KnownTenants knownTenants, DeadLetters deadLetters, IngestMetrics metrics,
                          RecordTracing tracing) {
        this.knownTenants = knownTenants;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    /** A consumed record that read, its span, and its items. */
    private record Read<T>(ConsumerRecord<String, byte[]> record, Span span, List<T> items) {
    }

    public <T> void ingest(List<ConsumerRecord<String, byte[]>> records, IngestedTopic<T> topic) {
        metrics.batchTimer(topic.topic()).record(() -> ingestBatch(records, topic));
    }

    private <T> void ingestBatch(List<ConsumerRecord<String, byte[]>> records, IngestedTopic<T> topic) {
        List<Span> spans = new ArrayList<>(records.size());
        List<Read<T>> read = new ArrayList<>(records.size());
        List<Read<T>> stored = new ArrayList<>(records.size());
        List<DeadLetters.Rejected> rejected = new ArrayList<>();
        String spanName = topic.topic() + " process";
        try {
            for (ConsumerRecord<String, byte[]> record : records) {
                Span span = tracing.startConsumer(spanName, record.headers());
                spans.add(span);
                try {
                    read.add(new Read<>(record, span, read(record, topic, RecordTracing.traceparent(span))));
                } catch (InvalidEventException e) {
                    rejected.add(new DeadLetters.Rejected(record, e));
                }
            }
            Set<String> tenants = new HashSet<>();
            read.forEach(r -> r.items().forEach(item -> tenants.add(topic.tenantOf(item))));
            Set<String> known = knownTenants.existing(tenants);
            List<T> storable = new ArrayList<>(read.size());
            for (Read<T> r : read) {
                Optional<String> unknown = r.items().stream().map(topic::tenantOf)
                        .filter(tenant -> !known.contains(tenant)).findFirst();
                if (unknown.isPresent()) {
                    rejected.add(new DeadLetters.Rejected(r.record(),
                            new RejectedEventException("unknown tenant '" + unknown.get() + "'")));
                } else {
                    storable.addAll(r.items());
                    stored.add(r);
                }
            }
            if (!storable.isEmpty()) {
                topic.store(storable);
            }
            deadLetters.publish(rejected);
        } catch (RuntimeException e) {
            spans.forEach(span -> span.error(e));
            throw e;
        } finally {
            spans.forEach(Span::end);
        }
        // A record that is followed (sampled, or debug logging) is inside its span here: the lag histogram's
        // exemplars and the log lines name its trace. The others need neither the scope nor the line's text: an
        // exemplar is only taken from a sampled span. A record replayed after a crash counts its lag again, from its
        // original time.
        Instant now = Instant.now();
        Timer lag = metrics.lag(topic.topic());
        for (Read<T> r : stored) {
            boolean followed = SampledLines.writes(log, r.span());
            try (Tracer.SpanInScope ignored = followed ? tracing.inScope(r.span()) : null) {
                for (T item : r.items()) {
                    lag.record(Duration.between(topic.occurredAt(item), now));
                    if (followed) {
                        SampledLines.write(log, r.span(), "stored from {}: {}", topic.topic(), topic.describe(item));
                    }
                }
            }
        }
    }

    private static <T> List<T> read(ConsumerRecord<String, byte[]> record, IngestedTopic<T> topic,
                                    String traceparent) {
        if (record.value() == null) {
            throw new RejectedEventException("record has no value");
        }
        return topic.read(record.value(), traceparent);
    }
}
