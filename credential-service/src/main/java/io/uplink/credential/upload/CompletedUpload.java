package io.uplink.credential.upload;

import java.time.Instant;
import java.util.UUID;

/** Answer of a successful completion: the object as the store holds it. */
public record CompletedUpload(UUID uploadId, String key, long size, String contentType, String etag,
                              Instant completedAt) {
}
