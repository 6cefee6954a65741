package io.uplink.credential.upload;

import io.uplink.credential.session.UploadSession;

import java.time.Instant;
import java.util.UUID;

/** Answer of a successful completion: the object as the store holds it. */
public record CompletedUpload(UUID uploadId, String key, long size, String contentType, String etag,
                              Instant completedAt) {

    /** The completion recorded on a session completed earlier: completing again answers the same. */
    static CompletedUpload recorded(UploadSession session) {
        return new CompletedUpload(session.uploadId(), session.key(), session.declaredSize(), session.contentType(),
                session.etag(), session.completedAt());
    }
}
