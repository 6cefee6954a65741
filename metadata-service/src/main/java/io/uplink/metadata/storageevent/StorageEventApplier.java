package io.uplink.metadata.storageevent;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.uplink.metadata.file.NewVersion;
import io.uplink.metadata.file.SequencedVersions;
import io.uplink.servlet.trace.RecordTracing;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies storage notifications to the files table so that the result does not depend on delivery order or
 * duplicates: the status follows the event with the greatest sequencer for the object version, the attributes the
 * create with the greatest sequencer. A remove that overtakes its create leaves a deleted row behind, so the late
 * create stays deleted. A batch is applied in one transaction, with the events its changes write.
 */
@Component
public class StorageEventApplier {

    static final String SOURCE = NewVersion.STORAGE_EVENT;
    /**
     * The uploader's id. Only an upload's completion names it (credential-service's session, minted under an upload
     * token), never the object's own metadata: whoever can write to the store directly (a tenant's STS credentials,
     * a client adding a header its grant did not sign where a store lets it) could claim any uploader there.
     */
    static final String SUBJECT = "subject";

    private final TransactionTemplate transaction;
    private final NewVersionBulkInsert bulkInsert;
    private final SequencedVersions versions;
    private final RecordTracing tracing;

    public StorageEventApplier(TransactionTemplate transaction, NewVersionBulkInsert bulkInsert,
                               SequencedVersions versions, RecordTracing tracing) {
        this.transaction = transaction;
        this.bulkInsert = bulkInsert;
        this.versions = versions;
        this.tracing = tracing;
    }

    /**
     * An event, the tenant that owns its key, the store its bucket is in, and the trace context of its record's
     * consumer span.
     */
    public record TenantEvent(String tenantId, String storageTarget, StorageEvent event, String traceparent) {

        /** The version a create describes, its time at the column's precision. */
        NewVersion asNewVersion() {
            return new NewVersion(tenantId, event.bucket(), event.key(), event.versionId(), event.size(),
                    event.contentType(), event.etag(), null, filename(event), metadataOf(event), null, SOURCE,
                    event.sequencer(), event.sequencer(), event.eventTime().truncatedTo(ChronoUnit.MICROS),
                    event.eventTime(), null, storageTarget, traceparent);
        }
    }

    public void apply(List<TenantEvent> events) {
        transaction.executeWithoutResult(status -> bulkInsert.insertNewVersions(events).forEach(this::applyOne));
    }

    /** Inside a span of the event's trace, so the events it announces continue it. */
    private void applyOne(TenantEvent tenantEvent) {
        Span span = tracing.startChild("storage event apply", tenantEvent.traceparent());
        try (Tracer.SpanInScope ignored = tracing.inScope(span)) {
            applyInScope(tenantEvent);
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private void applyInScope(TenantEvent tenantEvent) {
        StorageEvent event = tenantEvent.event();
        SequencedVersions.Row current = versions.lock(event.bucket(), event.key(), event.versionId()).orElse(null);
        if (current == null) {
            if (insert(tenantEvent)) {
                return;
            }
            current = versions.lock(event.bucket(), event.key(), event.versionId()).orElseThrow();
        }
        if (current.rejected()) {
            // Quarantined: neither a later create nor the removal that moving it to quarantine causes changes that.
            return;
        }
        if (event.kind() == StorageEvent.Kind.CREATED) {
            applyCreate(tenantEvent, current);
        } else {
            applyRemove(event, current);
        }
    }

    /** @return false when another transaction inserted the version first */
    private boolean insert(TenantEvent tenantEvent) {
        StorageEvent event = tenantEvent.event();
        if (event.kind() == StorageEvent.Kind.CREATED) {
            return versions.insertCreated(tenantEvent.asNewVersion());
        }
        return versions.insertDeleted(tenantEvent.tenantId(), tenantEvent.storageTarget(), event.bucket(), event.key(),
                event.versionId(), SOURCE, event.sequencer(), event.eventTime());
    }

    private void applyCreate(TenantEvent tenantEvent, SequencedVersions.Row current) {
        StorageEvent event = tenantEvent.event();
        boolean recordedByUpload = current.contentSequencer() == null && !SOURCE.equals(current.source());
        if (recordedByUpload) {
            // The upload completion already described this version, with the client's filename and metadata.
            versions.markContentSeen(current, event.sequencer());
        } else if (Sequencers.isLater(event.sequencer(), current.contentSequencer())) {
            versions.replaceContent(current, tenantEvent.asNewVersion());
        }
        if (Sequencers.isLater(event.sequencer(), current.sequencer())) {
            versions.activate(current, event.sequencer(), event.eventTime());
        }
    }

    private void applyRemove(StorageEvent event, SequencedVersions.Row current) {
        if (!Sequencers.isLater(event.sequencer(), current.sequencer())) {
            return;
        }
        boolean neverCreated = current.contentSequencer() == null && SOURCE.equals(current.source());
        versions.delete(current, event.sequencer(), event.eventTime(), neverCreated);
    }

    /** The object's user metadata, less what only a completion may say. */
    static Map<String, String> metadataOf(StorageEvent event) {
        if (!event.userMetadata().containsKey(SUBJECT)) {
            return event.userMetadata();
        }
        Map<String, String> metadata = new LinkedHashMap<>(event.userMetadata());
        metadata.remove(SUBJECT);
        return metadata;
    }

    static String filename(StorageEvent event) {
        String original = event.userMetadata().get("original-filename");
        return original != null ? original : event.key().substring(event.key().lastIndexOf('/') + 1);
    }
}
