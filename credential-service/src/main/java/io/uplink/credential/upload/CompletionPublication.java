package io.uplink.credential.upload;

import io.uplink.contracts.UploadCompleted;
import io.uplink.contracts.UploadSource;
import io.uplink.credential.completion.CompletionPublisher;
import io.uplink.credential.contentcheck.StoredContentCheck;
import io.uplink.credential.session.UploadSession;
import io.uplink.credential.session.UploadSessionRepository;
import io.uplink.credential.web.UploadConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The last step of every completion, single or multipart: once size, type and checksum agree, the object's first
 * bytes are checked against its declared type, then the completion is published and the session finished. Bytes of
 * another type are published too, as rejected: metadata-service records the file as rejected, quarantines the object
 * and sends {@code file.rejected}; the caller gets {@code 409 content-mismatch}.
 */
@Component
class CompletionPublication {

    private static final Logger log = LoggerFactory.getLogger(CompletionPublication.class);

    private final StoredContentCheck contentCheck;
    private final CompletionPublisher publisher;
    private final UploadSessionRepository sessions;
    private final Clock clock;

    CompletionPublication(StoredContentCheck contentCheck, CompletionPublisher publisher,
                          UploadSessionRepository sessions, Clock clock) {
        this.contentCheck = contentCheck;
        this.publisher = publisher;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** @param typed the session with the content type the store holds */
    CompletedUpload publish(UploadSession typed, HeadObjectResponse head, S3Client s3, UploadSource source) {
        Optional<String> refusal = contentCheck.refusal(s3, typed.bucket(), typed.key(), head.versionId(),
                head.contentLength(), typed.contentType());
        Instant completedAt = clock.instant();
        UploadCompleted completed = UploadCompletedEvents.of(typed, head.contentLength(), head.eTag(),
                head.versionId(), completedAt, source);
        if (refusal.isPresent()) {
            publisher.publish(completed.rejectedFor(refusal.get()));
            sessions.finish(typed.uploadId(), UploadSession.Status.REJECTED, completedAt, head.eTag());
            log.warn("upload {} of tenant {} rejected, its object goes to quarantine: {}", typed.uploadId(),
                    typed.tenantId(), refusal.get());
            throw new UploadConflictException("content-mismatch", refusal.get()
                    + "; the file is recorded as rejected and its object quarantined");
        }
        publisher.publish(completed);
        sessions.finish(typed.uploadId(), UploadSession.Status.COMPLETED, completedAt, head.eTag());
        return new CompletedUpload(typed.uploadId(), typed.key(), head.contentLength(), head.contentType(),
                head.eTag(), completedAt);
    }
}
