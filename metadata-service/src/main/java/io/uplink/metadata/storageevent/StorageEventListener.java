package io.uplink.metadata.storageevent;

import io.uplink.contracts.Topics;
import io.uplink.metadata.ingest.BatchIngestion;
import io.uplink.metadata.ingest.IngestMetrics;
import io.uplink.metadata.ingest.IngestedTopic;
import io.uplink.metadata.ingest.TenantPrefix;
import io.uplink.metadata.quarantine.QuarantineKeys;
import io.uplink.metadata.storage.ObjectStorage;
import io.uplink.metadata.storage.ObjectStores;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies storage notifications (MinIO Kafka target, AWS 2.x). A notification may carry several events; one outside
 * any tenant prefix, or in an unknown tenant, rejects the whole notification. A notification names only its bucket:
 * the version is taken to be in the store that holds that bucket ({@link ObjectStores#targetOf}).
 */
@Component
public class StorageEventListener implements IngestedTopic<StorageEventApplier.TenantEvent> {

    private final BatchIngestion ingestion;
    private final StorageEventApplier applier;
    private final IngestMetrics metrics;
    private final ObjectStores stores;

    public StorageEventListener(BatchIngestion ingestion, StorageEventApplier applier, IngestMetrics metrics,
                                ObjectStores stores) {
        this.ingestion = ingestion;
        this.applier = applier;
        this.metrics = metrics;
        this.stores = stores;
    }

    @KafkaListener(id = "storage-events", idIsGroup = false, topics = Topics.STORAGE_EVENTS, batch = "true")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        ingestion.ingest(records, this);
    }

    @Override
    public String topic() {
        return Topics.STORAGE_EVENTS;
    }

    @Override
    public List<StorageEventApplier.TenantEvent> read(byte[] value, String traceparent) {
        List<StorageEventApplier.TenantEvent> events = new ArrayList<>();
        for (StorageEvent event : StorageEventParser.parse(value)) {
            if (QuarantineKeys.isQuarantined(event.key())) {
                continue; // the quarantine sweeper moving a rejected object
            }
            if (event.userMetadata().containsKey(ObjectStorage.REPLICA_OF)) {
                continue; // the replication sweeper's copy of a file already recorded
            }
            events.add(new StorageEventApplier.TenantEvent(TenantPrefix.tenantOf(event.key()),
                    stores.targetOf(event.bucket()), event, traceparent));
        }
        return events;
    }

    @Override
    public String describe(StorageEventApplier.TenantEvent event) {
        StorageEvent storageEvent = event.event();
        return "tenant " + event.tenantId() + ", " + storageEvent.kind() + " of key " + storageEvent.key()
                + ", version " + storageEvent.versionId() + " in store " + event.storageTarget();
    }

    @Override
    public Instant occurredAt(StorageEventApplier.TenantEvent event) {
        return event.event().eventTime();
    }

    @Override
    public String tenantOf(StorageEventApplier.TenantEvent event) {
        return event.tenantId();
    }

    @Override
    public void store(List<StorageEventApplier.TenantEvent> events) {
        applier.apply(events);
        metrics.applied(Topics.STORAGE_EVENTS, events.size());
    }
}
