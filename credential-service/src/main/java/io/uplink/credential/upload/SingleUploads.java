package io.uplink.credential.upload;

import io.uplink.contracts.UploadSource;
import io.uplink.credential.policy.ContentTypes;
import io.uplink.credential.policy.UploadMethod;
import io.uplink.credential.session.UploadSession;
import io.uplink.credential.session.UploadSessionRepository;
import io.uplink.credential.storage.StorageTargets;
import io.uplink.credential.web.UploadConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

/** Completion of single-request (PUT / POST) uploads: the stored object is checked against what was granted. */
@Component
class SingleUploads {

    private static final Logger log = LoggerFactory.getLogger(SingleUploads.class);

    private final UploadSessionRepository sessions;
    private final StorageTargets targets;
    private final CompletionPublication publication;
    private final Clock clock;

    SingleUploads(UploadSessionRepository sessions, StorageTargets targets, CompletionPublication publication,
                  Clock clock) {
        this.sessions = sessions;
        this.targets = targets;
        this.publication = publication;
        this.clock = clock;
    }

    /**
     * Checks the stored object against what was granted. A mismatch removes the object: it is never recorded as
     * good. Repeating the call after success is harmless (same event id).
     */
    CompletedUpload complete(UploadSession session) {
        switch (session.status()) {
            case COMPLETED -> {
                return CompletedUpload.recorded(session);
            }
            case REJECTED -> throw new UploadConflictException("upload-rejected",
                    "this upload was rejected earlier; request a new credential");
            case ABORTED -> throw new UploadConflictException("upload-aborted", "this upload was aborted");
            default -> {
            }
        }
        return verifyAndPublish(session, UploadSource.CLIENT_COMPLETE);
    }

    /**
     * Verifies the stored object of a pending session and publishes it (shared by the client's complete call, the
     * store's own report and the reconciler, which also finds multipart uploads a client completed in the store).
     *
     * @throws UploadConflictException {@code object-missing} or {@code object-mismatch} (object removed)
     */
    CompletedUpload verifyAndPublish(UploadSession session, UploadSource source) {
        UUID uploadId = session.uploadId();
        String tenantId = session.tenantId();
        S3Client s3 = targets.named(session.storageTarget()).s3();
        HeadObjectResponse head;
        try {
            head = s3.headObject(r -> r.bucket(session.bucket()).key(session.key()).checksumMode(ChecksumMode.ENABLED));
        } catch (NoSuchKeyException e) {
            throw new UploadConflictException("object-missing", "nothing was uploaded to " + session.key() + " yet");
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new UploadConflictException("object-missing", "nothing was uploaded to " + session.key() + " yet");
            }
            throw e;
        }
        UploadSession typed = session.withStoredType(head.contentType());
        String mismatch = mismatch(typed, head);
        if (mismatch == null && unverifiedChecksum(session, head)
                && !StoredObjectSha256.matches(s3, session.bucket(), session.key(), head.eTag(), session.checksumSha256())) {
            mismatch = "stored SHA-256 differs from the declared checksum";
        }
        if (mismatch != null) {
            s3.deleteObject(r -> r.bucket(session.bucket()).key(session.key()));
            sessions.finish(session.uploadId(), UploadSession.Status.REJECTED, clock.instant(), head.eTag());
            log.warn("upload {} of tenant {} rejected and removed: {}", uploadId, tenantId, mismatch);
            throw new UploadConflictException("object-mismatch", mismatch + "; the object was removed");
        }
        return publication.publish(typed, head, s3, source);
    }

    private static String mismatch(UploadSession session, HeadObjectResponse head) {
        if (!session.exactSize() && head.contentLength() != null && head.contentLength() >= 1
                && head.contentLength() <= session.declaredSize()) {
            // open-size upload within its bound: fall through to the type and checksum checks
        } else if (head.contentLength() == null || head.contentLength() != session.declaredSize()) {
            return "stored size " + head.contentLength() + " differs from the declared " + session.declaredSize();
        }
        if (head.contentType() == null
                || !ContentTypes.essence(head.contentType()).equals(ContentTypes.essence(session.contentType()))) {
            return "stored content type " + head.contentType() + " differs from the declared " + session.contentType();
        }
        if (session.checksumSha256() != null && head.checksumSHA256() != null
                && !Objects.equals(stripPartSuffix(head.checksumSHA256()), session.checksumSha256())) {
            return "stored SHA-256 differs from the declared checksum";
        }
        return null;
    }

    /**
     * A declared checksum the store did not check on upload: a POST form carries no checksum header the store
     * enforces, so the store records none and completion reads the object back to check it.
     */
    private static boolean unverifiedChecksum(UploadSession session, HeadObjectResponse head) {
        return session.method() == UploadMethod.POST && session.checksumSha256() != null
                && head.checksumSHA256() == null;
    }

    private static String stripPartSuffix(String checksum) {
        int dash = checksum.indexOf('-');
        return dash < 0 ? checksum : checksum.substring(0, dash);
    }
}
