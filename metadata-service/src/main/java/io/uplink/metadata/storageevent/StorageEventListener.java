package io.uplink.metadata.storageevent;

import io.uplink.contracts.Topics;
import io.uplink.metadata.ingest.IngestMetrics;
import io.uplink.metadata.ingest.RejectedEventException;
import io.uplink.metadata.ingest.TenantPrefix;
import io.uplink.metadata.tenant.KnownTenants;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies storage notifications (MinIO Kafka target, AWS 2.x). Like the completion listener: valid records before
 * the first invalid one are applied and committed, the invalid one is dead-lettered by index, database failures
 * retry the whole batch.
 */
@Component
public class StorageEventListener {

    private final StorageEventApplier applier;
    private final KnownTenants knownTenants;
    private final IngestMetrics metrics;

    public StorageEventListener(StorageEventApplier applier, KnownTenants knownTenants, IngestMetrics metrics) {
        this.applier = applier;
        this.knownTenants = knownTenants;
        this.metrics = metrics;
    }

    @KafkaListener(id = "storage-events", idIsGroup = false, topics = Topics.STORAGE_EVENTS, batch = "true")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        metrics.batchTimer(Topics.STORAGE_EVENTS).record(() -> ingest(records));
    }

    private void ingest(List<ConsumerRecord<String, byte[]>> records) {
        List<List<StorageEventApplier.TenantEvent>> perRecord = new ArrayList<>(records.size());
        RuntimeException rejection = null;
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                if (record.value() == null) {
                    throw new RejectedEventException("record has no value");
                }
                List<StorageEventApplier.TenantEvent> events = new ArrayList<>();
                for (StorageEvent event : StorageEventParser.parse(record.value())) {
                    events.add(new StorageEventApplier.TenantEvent(TenantPrefix.tenantOf(event.key()), event));
                }
                perRecord.add(events);
            } catch (RuntimeException e) {
                rejection = e;
                break;
            }
        }
        Set<String> tenants = new HashSet<>();
        perRecord.forEach(events -> events.forEach(event -> tenants.add(event.tenantId())));
        Set<String> known = knownTenants.existing(tenants);
        int firstInvalid = perRecord.size();
        search:
        for (int i = 0; i < perRecord.size(); i++) {
            for (StorageEventApplier.TenantEvent event : perRecord.get(i)) {
                if (!known.contains(event.tenantId())) {
                    firstInvalid = i;
                    rejection = new RejectedEventException("unknown tenant '" + event.tenantId() + "'");
                    break search;
                }
            }
        }
        List<StorageEventApplier.TenantEvent> applicable = new ArrayList<>();
        perRecord.subList(0, firstInvalid).forEach(applicable::addAll);
        applier.apply(applicable);
        metrics.applied(Topics.STORAGE_EVENTS, applicable.size());
        if (rejection != null) {
            throw new BatchListenerFailedException(rejection.getMessage(), rejection, firstInvalid);
        }
    }
}
