package io.uplink.metadata.ingest;

import io.uplink.contracts.InvalidEventException;
import io.uplink.metadata.tenant.KnownTenants;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

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
 */
@Component
public class BatchIngestion {

    private final KnownTenants knownTenants;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;

    public BatchIngestion(KnownTenants knownTenants, DeadLetters deadLetters, IngestMetrics metrics) {
        this.knownTenants = knownTenants;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    private record Read<T>(ConsumerRecord<String, byte[]> record, List<T> items) {
    }

    public <T> void ingest(List<ConsumerRecord<String, byte[]>> records, IngestedTopic<T> topic) {
        metrics.batchTimer(topic.topic()).record(() -> ingestBatch(records, topic));
    }

    private <T> void ingestBatch(List<ConsumerRecord<String, byte[]>> records, IngestedTopic<T> topic) {
        List<Read<T>> read = new ArrayList<>(records.size());
        List<DeadLetters.Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                read.add(new Read<>(record, read(record, topic)));
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
            }
        }
        if (!storable.isEmpty()) {
            topic.store(storable);
        }
        deadLetters.publish(rejected);
    }

    private static <T> List<T> read(ConsumerRecord<String, byte[]> record, IngestedTopic<T> topic) {
        if (record.value() == null) {
            throw new RejectedEventException("record has no value");
        }
        return topic.read(record.value());
    }
}
