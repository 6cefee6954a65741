package io.uplink.metadata.ingest;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.Topics;
import io.uplink.contracts.UploadCompleted;
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
 * Stores completed uploads. A batch is validated first; the valid records before the first invalid one are stored
 * and committed, then the invalid one is reported by index so the error handler dead-letters exactly that record
 * and redelivers the rest. A database failure is thrown as is: the whole batch is retried with backoff and no
 * offset moves past an unsaved record.
 */
@Component
public class UploadCompletedListener {

    private final FileVersionWriter writer;
    private final KnownTenants knownTenants;
    private final IngestMetrics metrics;

    public UploadCompletedListener(FileVersionWriter writer, KnownTenants knownTenants, IngestMetrics metrics) {
        this.writer = writer;
        this.knownTenants = knownTenants;
        this.metrics = metrics;
    }

    @KafkaListener(id = "uploads-completed", idIsGroup = false, topics = Topics.UPLOADS_COMPLETED, batch = "true")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        metrics.batchTimer(Topics.UPLOADS_COMPLETED).record(() -> ingest(records));
    }

    private void ingest(List<ConsumerRecord<String, byte[]>> records) {
        List<FileVersion> valid = new ArrayList<>(records.size());
        RuntimeException rejection = null;
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                valid.add(toFileVersion(record));
            } catch (RuntimeException e) {
                rejection = e;
                break;
            }
        }
        Set<String> tenants = new HashSet<>();
        valid.forEach(version -> tenants.add(version.tenantId()));
        Set<String> known = knownTenants.existing(tenants);
        int firstInvalid = valid.size();
        for (int i = 0; i < valid.size(); i++) {
            if (!known.contains(valid.get(i).tenantId())) {
                firstInvalid = i;
                rejection = new RejectedEventException("unknown tenant '" + valid.get(i).tenantId() + "'");
                break;
            }
        }
        List<FileVersion> storable = valid.subList(0, firstInvalid);
        int created = writer.recordCreated(storable);
        metrics.stored(Topics.UPLOADS_COMPLETED, created, storable.size() - created);
        if (rejection != null) {
            throw new BatchListenerFailedException(rejection.getMessage(), rejection, firstInvalid);
        }
    }

    private static FileVersion toFileVersion(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new RejectedEventException("record has no value");
        }
        UploadCompleted event = EventJson.read(record.value(), UploadCompleted.class);
        String keyTenant = TenantPrefix.tenantOf(event.key());
        if (!keyTenant.equals(event.tenantId())) {
            throw new RejectedEventException("object key '" + event.key() + "' is in tenant '" + keyTenant
                    + "' but the event names tenant '" + event.tenantId() + "'");
        }
        return new FileVersion(event.tenantId(), event.bucket(), event.key(), event.versionId(), event.size(),
                event.contentType(), event.etag(), event.checksumSha256(), event.originalFilename(),
                event.metadata(), event.uploadId(), event.source().wireName(), event.eventId().toString(),
                event.completedAt());
    }
}
