package io.uplink.metadata.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.uplink.contracts.Topics;
import org.springframework.stereotype.Component;

import java.util.List;

/** Ingest rate (records by outcome), batch latency and dead-lettered records, per source topic. */
@Component
public class IngestMetrics {

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Registered up front so dashboards and alerts see zeros rather than missing series.
        for (String topic : List.of(Topics.UPLOADS_COMPLETED, Topics.STORAGE_EVENTS)) {
            batchTimer(topic);
            lag(topic);
            stored(topic, 0, 0);
        }
    }

    public void stored(String topic, int created, int duplicates) {
        records(topic, "created").increment(created);
        records(topic, "duplicate").increment(duplicates);
    }

    /** Storage notifications applied (their effect depends on ordering, so no created/duplicate split). */
    public void applied(String topic, int count) {
        records(topic, "applied").increment(count);
    }

    public Timer batchTimer(String topic) {
        return Timer.builder("uplink.metadata.ingest.batch")
                .description("time to validate and store one consumed batch")
                .tag("topic", topic)
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /**
     * From the moment the signal says the version appeared (the completion, the store's event time) to its row being
     * committed: the completion-to-row SLI.
     */
    public Timer lag(String topic) {
        return Timer.builder("uplink.metadata.ingest.lag")
                .description("time from an upload's completion to its row being written")
                .tag("topic", topic)
                .publishPercentileHistogram()
                .register(registry);
    }

    public void deadLettered(String topic, String reason) {
        Counter.builder("uplink.metadata.ingest.dead.letters")
                .description("records sent to the dead-letter topic")
                .tag("topic", topic)
                .tag("exception", reason)
                .register(registry)
                .increment();
    }

    private Counter records(String topic, String outcome) {
        return Counter.builder("uplink.metadata.ingest.records")
                .description("records ingested, by outcome")
                .tag("topic", topic)
                .tag("outcome", outcome)
                .register(registry);
    }
}
