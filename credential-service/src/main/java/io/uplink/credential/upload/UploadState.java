package io.uplink.credential.upload;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.uplink.credential.policy.UploadMethod;
import io.uplink.credential.session.UploadSession;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code GET /api/v1/uploads/{id}}: the session and, for a pending multipart upload, the parts the store holds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UploadState(UUID uploadId, String key, UploadMethod method, String status, long size,
                          String contentType, Long partSize, Integer partCount, List<StoredPart> parts,
                          Instant expiresAt, Instant completedAt) {

    static UploadState of(UploadSession session, List<StoredPart> parts) {
        return new UploadState(session.uploadId(), session.key(), session.method(),
                session.status().name().toLowerCase(), session.declaredSize(), session.contentType(),
                session.partSize(), session.partCount(), parts, session.expiresAt(), session.completedAt());
    }
}
