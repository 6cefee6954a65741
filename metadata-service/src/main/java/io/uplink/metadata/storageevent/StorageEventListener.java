package io.uplink.metadata.storageevent;

import io.uplink.contracts.InvalidEventException;
import io.uplink.contracts.Topics;
import io.uplink.metadata.ingest.DeadLetters;
import io.uplink.metadata.ingest.IngestMetrics;
import io.uplink.metadata.ingest.RejectedEventException;
import io.uplink.metadata.ingest.TenantPrefix;
import io.uplink.metadata.tenant.KnownTenants;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies storage notifications (MinIO Kafka target, AWS 2.x). Like the completion listener: the valid records of a
 * batch are applied in one transaction, the rejected ones dead-lettered beside them before the offsets commit, and
 * database failures retry the whole batch.
 */
@Component
public class StorageEventListener {

    private final StorageEventApplier applier;
    private final KnownTenants knownTenants;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;

    public StorageEventListener(StorageEventApplier applier, KnownTenants knownTenants, DeadLetters deadLetters,
                                IngestMetrics metrics) {
        this.applier = applier;
        this.knownTenants = knownTenants;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @KafkaListener(id = "storage-events", idIsGroup = false, topics = Topics.STORAGE_EVENTS, batch = "true")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        metrics.batchTimer(Topics.STORAGE_EVENTS).record(() -> ingest(records));
    }

    private record Parsed(ConsumerRecord<String, byte[]> record, List<StorageEventApplier.TenantEvent> events) {
    }

    private void ingest(List<ConsumerRecord<String, byte[]>> records) {
        List<Parsed> parsed = new ArrayList<>(records.size());
        List<DeadLetters.Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                parsed.add(new Parsed(record, parse(record)));
            } catch (InvalidEventException e) {
                rejected.add(new DeadLetters.Rejected(record, e));
            }
        }
        Set<String> tenants = new HashSet<>();
        parsed.forEach(p -> p.events().forEach(event -> tenants.add(event.tenantId())));
        Set<String> known = knownTenants.existing(tenants);
        List<StorageEventApplier.TenantEvent> applicable = new ArrayList<>();
        for (Parsed p : parsed) {
            Optional<String> unknown = p.events().stream().map(StorageEventApplier.TenantEvent::tenantId)
                    .filter(tenant -> !known.contains(tenant)).findFirst();
            if (unknown.isPresent()) {
                rejected.add(new DeadLetters.Rejected(p.record(),
                        new RejectedEventException("unknown tenant '" + unknown.get() + "'")));
            } else {
                applicable.addAll(p.events());
            }
        }
        if (!applicable.isEmpty()) {
            applier.apply(applicable);
            metrics.applied(Topics.STORAGE_EVENTS, applicable.size());
        }
        deadLetters.publish(rejected);
    }

    private static List<StorageEventApplier.TenantEvent> parse(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new RejectedEventException("record has no value");
        }
        List<StorageEventApplier.TenantEvent> events = new ArrayList<>();
        for (StorageEvent event : StorageEventParser.parse(record.value())) {
            events.add(new StorageEventApplier.TenantEvent(TenantPrefix.tenantOf(event.key()), event));
        }
        return events;
    }
}
