package io.uplink.metadata.storageevent;

import java.time.Instant;
import java.util.Map;

/**
 * One S3 event notification record, normalised: the key URL-decoded, the event name without the {@code s3:}
 * prefix MinIO keeps, the sequencer zero-padded so that string order is event order.
 */
public record StorageEvent(
        Kind kind,
        String eventName,
        String bucket,
        String key,
        String versionId,
        long size,
        String etag,
        String contentType,
        Map<String, String> userMetadata,
        String sequencer,
        Instant eventTime) {

    public enum Kind { CREATED, REMOVED }

    public StorageEvent {
        userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
    }
}
