package io.uplink.metadata.ingest;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.Topics;
import io.uplink.contracts.UploadCompleted;
import io.uplink.metadata.file.NewFileVersions;
import io.uplink.metadata.file.NewVersion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/** Records completed uploads as new file versions; a completion whose key is outside its tenant is rejected. */
@Component
public class UploadCompletedListener implements IngestedTopic<NewVersion> {

    private final BatchIngestion ingestion;
    private final NewFileVersions versions;
    private final IngestMetrics metrics;

    public UploadCompletedListener(BatchIngestion ingestion, NewFileVersions versions, IngestMetrics metrics) {
        this.ingestion = ingestion;
        this.versions = versions;
        this.metrics = metrics;
    }

    @KafkaListener(id = "uploads-completed", idIsGroup = false, topics = Topics.UPLOADS_COMPLETED, batch = "true")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        ingestion.ingest(records, this);
    }

    @Override
    public String topic() {
        return Topics.UPLOADS_COMPLETED;
    }

    @Override
    public List<NewVersion> read(byte[] value, String traceparent) {
        UploadCompleted event = EventJson.read(value, UploadCompleted.class);
        String keyTenant = TenantPrefix.tenantOf(event.key());
        if (!keyTenant.equals(event.tenantId())) {
            throw new RejectedEventException("object key '" + event.key() + "' is in tenant '" + keyTenant
                    + "' but the event names tenant '" + event.tenantId() + "'");
        }
        return List.of(new NewVersion(event.tenantId(), event.bucket(), event.key(), event.versionId(), event.size(),
                event.contentType(), event.etag(), event.checksumSha256(), event.originalFilename(),
                event.metadata(), event.uploadId(), event.source().wireName(), event.eventId().toString(), null,
                event.completedAt(), event.completedAt(), event.contentRejection(), event.storageTarget(), traceparent));
    }

    @Override
    public String describe(NewVersion version) {
        return version.describe();
    }

    @Override
    public Instant occurredAt(NewVersion version) {
        return version.occurredAt();
    }

    @Override
    public String tenantOf(NewVersion version) {
        return version.tenantId();
    }

    @Override
    public void store(List<NewVersion> batch) {
        int created = 0;
        for (boolean recorded : versions.record(batch)) {
            created += recorded ? 1 : 0;
        }
        metrics.stored(Topics.UPLOADS_COMPLETED, created, batch.size() - created);
    }
}
