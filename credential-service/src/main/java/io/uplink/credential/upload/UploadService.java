package io.uplink.credential.upload;

import io.uplink.contracts.UploadCompleted;
import io.uplink.contracts.UploadSource;
import io.uplink.credential.completion.CompletionPublisher;
import io.uplink.credential.identity.Caller;
import io.uplink.credential.policy.ContentTypes;
import io.uplink.credential.policy.UploadIntent;
import io.uplink.credential.policy.UploadMethod;
import io.uplink.credential.policy.UploadPolicy;
import io.uplink.credential.policy.UploadPolicyDecider;
import io.uplink.credential.session.SessionGroupCommit;
import io.uplink.credential.session.UploadSession;
import io.uplink.credential.session.UploadSessionRepository;
import io.uplink.credential.storage.StorageTarget;
import io.uplink.credential.storage.StorageTargets;
import io.uplink.credential.storage.TenantStorage;
import io.uplink.credential.tenant.TenantSettings;
import io.uplink.credential.tenant.TenantSettingsSource;
import io.uplink.credential.uploadtoken.UploadTokenLimits;
import io.uplink.credential.web.NotFoundException;
import io.uplink.credential.web.UploadConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Issues upload credentials and verifies single-request (PUT / POST) uploads on completion. */
@Service
public class UploadService {

    private static final Logger log = LoggerFactory.getLogger(UploadService.class);

    private final TenantSettingsSource tenants;
    private final UploadPolicyDecider decider;
    private final UploadCredentials credentials;
    private final UploadSessionRepository sessions;
    private final SessionGroupCommit newSessions;
    private final TenantStorage tenantStorage;
    private final StorageTargets targets;
    private final CompletionPublisher publisher;
    private final MultipartUploads multipart;
    private final UploadTokenLimits tokenLimits;
    private final Clock clock;

    UploadService(TenantSettingsSource tenants, UploadTokenLimits tokenLimits, UploadProperties properties, UploadCredentials credentials,
                  UploadSessionRepository sessions, SessionGroupCommit newSessions, TenantStorage tenantStorage,
                  StorageTargets targets,
                  CompletionPublisher publisher, MultipartUploads multipart, Clock clock) {
        this.tenants = tenants;
        this.decider = new UploadPolicyDecider(properties.multipartThreshold().toBytes());
        this.credentials = credentials;
        this.sessions = sessions;
        this.newSessions = newSessions;
        this.tenantStorage = tenantStorage;
        this.targets = targets;
        this.publisher = publisher;
        this.multipart = multipart;
        this.tokenLimits = tokenLimits;
        this.clock = clock;
    }

    public UploadGrant create(Caller caller, CreateUploadRequest request) {
        TenantSettings settings = tenants.settingsFor(caller.tenantId());
        StorageTarget target = tenantStorage.of(settings);
        UploadPolicy policy = tokenLimits.admit(caller, settings, decider.decide(caller.tenantId(),
                tokenLimits.narrow(caller, settings), target.bucket(),
                tokenLimits.complete(caller, request.toIntent()), UploadIds.next(), clock.instant()));
        return grant(policy, target);
    }

    /** Uppy's protocols: no size up front, so the tenant's (or the upload token's) limit is the bound. */
    public UploadGrant createOpenSize(Caller caller, UploadIntent intent) {
        TenantSettings settings = tenants.settingsFor(caller.tenantId());
        StorageTarget target = tenantStorage.of(settings);
        return grant(decideOpenSize(caller, settings, target, intent), target);
    }

    /** A multipart session in the tenant's store whose upload the client creates there itself (open size). */
    UploadSession reserveMultipart(Caller caller, UploadIntent intent) {
        TenantSettings settings = tenants.settingsFor(caller.tenantId());
        StorageTarget target = tenantStorage.of(settings);
        return multipart.reserve(decideOpenSize(caller, settings, target, intent), target);
    }

    private UploadGrant grant(UploadPolicy policy, StorageTarget target) {
        return switch (policy.method()) {
            case PUT -> record(policy, target, credentials.presignedPut(policy, target));
            case POST -> record(policy, target, credentials.postForm(policy, target));
            case MULTIPART -> multipart.start(policy, target);
        };
    }

    private UploadPolicy decideOpenSize(Caller caller, TenantSettings settings, StorageTarget target,
                                        UploadIntent intent) {
        return tokenLimits.admit(caller, settings, decider.decideOpenSize(caller.tenantId(),
                tokenLimits.narrow(caller, settings), target.bucket(), tokenLimits.complete(caller, intent),
                UploadIds.next(), clock.instant()));
    }

    /** The grant leaves only after its session is committed: a credential never outlives a lost session row. */
    private UploadGrant record(UploadPolicy policy, StorageTarget target, UploadGrant grant) {
        newSessions.insert(UploadSession.pending(policy, target.name()));
        return grant;
    }

    public UploadSession session(String tenantId, UUID uploadId) {
        return sessions.find(tenantId, uploadId)
                .orElseThrow(() -> new NotFoundException("no upload " + uploadId + " for this tenant"));
    }

    /**
     * Checks the stored object against what was granted. A mismatch removes the object: it is never recorded as
     * good. Repeating the call after success is harmless (same event id).
     */
    public CompletedUpload complete(String tenantId, UUID uploadId) {
        UploadSession session = session(tenantId, uploadId);
        if (session.method() == UploadMethod.MULTIPART) {
            return multipart.complete(session);
        }
        switch (session.status()) {
            case COMPLETED -> {
                return new CompletedUpload(session.uploadId(), session.key(), session.declaredSize(),
                        session.contentType(), session.etag(), session.completedAt());
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
     * Verifies the stored object of a pending session and publishes it (shared by the client's complete call and
     * the reconciler, which also finds multipart uploads a client completed in the store itself).
     *
     * @throws UploadConflictException {@code object-missing} or {@code object-mismatch} (object removed)
     */
    public CompletedUpload verifyAndPublish(UploadSession session, UploadSource source) {
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
        // An open-type session (the tenant accepts every type) records the type the client stored.
        UploadSession typed = ContentTypes.isAny(session.contentType()) ? session.withContentType(
                head.contentType() == null ? "application/octet-stream" : head.contentType()) : session;
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
        Instant completedAt = clock.instant();
        publisher.publish(event(typed, head.contentLength(), head.eTag(), head.versionId(), completedAt, source));
        sessions.finish(session.uploadId(), UploadSession.Status.COMPLETED, completedAt, head.eTag());
        return new CompletedUpload(session.uploadId(), session.key(), head.contentLength(), head.contentType(),
                head.eTag(), completedAt);
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

    static UploadCompleted event(UploadSession session, long size, String etag, String versionId, Instant completedAt,
                                 UploadSource source) {
        // One id per upload: retries after a failed publish repeat the same event, which consumers de-duplicate.
        UUID eventId = UUID.nameUUIDFromBytes(("upload-completed:" + session.uploadId())
                .getBytes(StandardCharsets.UTF_8));
        return new UploadCompleted(eventId, session.tenantId(), session.uploadId().toString(), session.bucket(),
                session.key(), size, session.contentType(), etag, session.checksumSha256(), versionId,
                session.originalFilename(), session.metadata(), completedAt, source);
    }
}
