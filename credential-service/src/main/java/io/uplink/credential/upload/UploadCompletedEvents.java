package io.uplink.credential.upload;

import io.uplink.contracts.UploadCompleted;
import io.uplink.contracts.UploadSource;
import io.uplink.credential.session.UploadSession;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** The {@link UploadCompleted} event of a verified upload, whichever way it was completed. */
final class UploadCompletedEvents {

    private UploadCompletedEvents() {
    }

    static UploadCompleted of(UploadSession session, long size, String etag, String versionId, Instant completedAt,
                              UploadSource source) {
        // One id per upload: retries after a failed publish repeat the same event, which consumers de-duplicate.
        UUID eventId = UUID.nameUUIDFromBytes(("upload-completed:" + session.uploadId())
                .getBytes(StandardCharsets.UTF_8));
        return new UploadCompleted(eventId, session.tenantId(), session.uploadId().toString(), session.bucket(),
                session.key(), size, session.contentType(), etag, session.checksumSha256(), versionId,
                session.originalFilename(), session.metadata(), completedAt, source, null, session.storageTarget());
    }
}
