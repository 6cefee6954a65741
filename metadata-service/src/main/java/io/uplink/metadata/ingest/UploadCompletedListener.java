package io.uplink.metadata.ingest;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.InvalidEventException;
import io.uplink.contracts.Topics;
import io.uplink.contracts.UploadCompleted;
import io.uplink.metadata.file.NewFileVersions;
import io.uplink.metadata.file.NewVersion;
import io.uplink.metadata.tenant.KnownTenants;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Stores completed uploads. A batch is validated first (JSON, key prefix, tenant); the valid records are stored in
 * one transaction, the rejected ones dead-lettered beside them, and only then does the call return and the batch's
 * offsets commit. A database failure (or a failed dead-letter publish) is thrown as is: the whole batch is retried
 * with backoff and no offset moves past an unsaved or un-dead-lettered record.
 */
@Component
public class UploadCompletedListener {

    private final NewFileVersions versions;
    private final KnownTenants knownTenants;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;

    public UploadCompletedListener(NewFileVersions versions, KnownTenants knownTenants, DeadLetters deadLetters,
                                   IngestMetrics metrics) {
        this.versions = versions;
        this.knownTenants = knownTenants;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @KafkaListener(id = "uploads-completed", idIsGroup = false, topics = Topics.UPLOADS_COMPLETED, batch = "true")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        metrics.batchTimer(Topics.UPLOADS_COMPLETED).record(() -> ingest(records));
    }

    private record Parsed(ConsumerRecord<String, byte[]> record, NewVersion version) {
    }

    private void ingest(List<ConsumerRecord<String, byte[]>> records) {
        List<Parsed> parsed = new ArrayList<>(records.size());
        List<DeadLetters.Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                parsed.add(new Parsed(record, toNewVersion(record)));
            } catch (InvalidEventException e) {
                rejected.add(new DeadLetters.Rejected(record, e));
            }
        }
        Set<String> tenants = new HashSet<>();
        parsed.forEach(p -> tenants.add(p.version().tenantId()));
        Set<String> known = knownTenants.existing(tenants);
        List<NewVersion> storable = new ArrayList<>(parsed.size());
        for (Parsed p : parsed) {
            if (known.contains(p.version().tenantId())) {
                storable.add(p.version());
            } else {
                rejected.add(new DeadLetters.Rejected(p.record(),
                        new RejectedEventException("unknown tenant '" + p.version().tenantId() + "'")));
            }
        }
        int created = count(versions.record(storable));
        metrics.stored(Topics.UPLOADS_COMPLETED, created, storable.size() - created);
        deadLetters.publish(rejected);
    }

    private static int count(boolean[] recorded) {
        int count = 0;
        for (boolean r : recorded) {
            count += r ? 1 : 0;
        }
        return count;
    }

    private static NewVersion toNewVersion(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new RejectedEventException("record has no value");
        }
        UploadCompleted event = EventJson.read(record.value(), UploadCompleted.class);
        String keyTenant = TenantPrefix.tenantOf(event.key());
        if (!keyTenant.equals(event.tenantId())) {
            throw new RejectedEventException("object key '" + event.key() + "' is in tenant '" + keyTenant
                    + "' but the event names tenant '" + event.tenantId() + "'");
        }
        return new NewVersion(event.tenantId(), event.bucket(), event.key(), event.versionId(), event.size(),
                event.contentType(), event.etag(), event.checksumSha256(), event.originalFilename(),
                event.metadata(), event.uploadId(), event.source().wireName(), event.eventId().toString(), null,
                event.completedAt(), event.completedAt());
    }
}
