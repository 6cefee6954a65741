package io.uplink.credential.uppy;

import io.uplink.credential.policy.ObjectKeys;
import io.uplink.credential.policy.UploadIntent;
import io.uplink.credential.policy.UploadMethod;
import io.uplink.credential.session.UploadSession;
import io.uplink.credential.session.UploadSessionRepository;
import io.uplink.credential.storage.StorageTargets;
import io.uplink.credential.upload.PartUrl;
import io.uplink.credential.upload.UploadGrant;
import io.uplink.credential.upload.Uploads;
import io.uplink.credential.web.InvalidRequestException;
import io.uplink.credential.web.NotFoundException;
import io.uplink.servlet.identity.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Uppy 6 {@code signRequest}: signs each store call Uppy makes, over the native sessions. The first call of an
 * upload (PutObject, PostObject, CreateMultipartUpload) creates a session with a server-assigned key, the browser's
 * key being only a filename hint and, afterwards, the client's name for that session. Every later call must name
 * one of the tenant's sessions, by the server key (inside {@code tenants/{tenantId}/}) or by the client key.
 * Uppy creates the multipart upload in the store itself, so its {@code uploadId} is bound on the first later call
 * that names it, and only after the store confirms the upload belongs to the session's key.
 */
@Component
class SignRequestAdapter {

    private static final Duration CALL_TTL = Duration.ofMinutes(15);

    private final Uploads uploads;
    private final UploadSessionRepository sessions;
    private final StoreRequestPresigner presigner;
    private final StorageTargets targets;
    private final Clock clock;

    SignRequestAdapter(Uploads uploads, UploadSessionRepository sessions, StoreRequestPresigner presigner,
                       StorageTargets targets, Clock clock) {
        this.uploads = uploads;
        this.sessions = sessions;
        this.presigner = presigner;
        this.targets = targets;
        this.clock = clock;
    }

    SignedRequest sign(Caller caller, SignRequest request) {
        String tenantId = caller.tenantId();
        S3Operation operation = S3Operation.of(request);
        return switch (operation) {
            case PUT_OBJECT, POST_OBJECT -> singleUpload(caller, request, operation);
            case CREATE_MULTIPART_UPLOAD -> createMultipartUpload(caller, request);
            case UPLOAD_PART -> uploadPart(multipartSession(tenantId, request), request.partNumber());
            case LIST_PARTS -> {
                UploadSession session = multipartSession(tenantId, request);
                yield answer(operation, session, presigner.listParts(session, CALL_TTL));
            }
            case COMPLETE_MULTIPART_UPLOAD -> {
                UploadSession session = multipartSession(tenantId, request);
                yield answer(operation, session, presigner.completeMultipartUpload(session, CALL_TTL));
            }
            case ABORT_MULTIPART_UPLOAD -> {
                UploadSession session = multipartSession(tenantId, request);
                yield answer(operation, session, presigner.abortMultipartUpload(session, CALL_TTL));
            }
        };
    }

    private SignedRequest singleUpload(Caller caller, SignRequest request, S3Operation operation) {
        String tenantId = caller.tenantId();
        UploadMethod method = operation == S3Operation.POST_OBJECT ? UploadMethod.POST : UploadMethod.PUT;
        UploadIntent intent = new UploadIntent(filenameHint(tenantId, request), request.contentType(),
                request.size(), null, null, method);
        // With the exact size and type the credential signs both; Uppy's hook usually knows neither, and then the
        // tenant's limit bounds the upload and the completion check enforces it.
        UploadGrant grant = request.size() != null && request.contentType() != null
                ? uploads.mint(caller, intent) : uploads.mintOpenSize(caller, intent);
        sessions.recordClientKey(grant.uploadId(), request.key());
        return new SignedRequest(operation.s3Name(), method.name(), grant.url(), grant.key(), grant.headers(),
                grant.fields(), grant.expiresAt());
    }

    private SignedRequest createMultipartUpload(Caller caller, SignRequest request) {
        UploadSession session = uploads.reserveMultipart(caller, new UploadIntent(
                filenameHint(caller.tenantId(), request), request.contentType(), null, null, null, UploadMethod.MULTIPART));
        sessions.recordClientKey(session.uploadId(), request.key());
        return answer(S3Operation.CREATE_MULTIPART_UPLOAD, session,
                presigner.createMultipartUpload(session, CALL_TTL));
    }

    private SignedRequest uploadPart(UploadSession session, int partNumber) {
        PartUrl part = uploads.partUrls(session, List.of(partNumber), CALL_TTL).get(0);
        return new SignedRequest(S3Operation.UPLOAD_PART.s3Name(), "PUT", part.url(), session.key(),
                part.headers(), null, clock.instant().plus(CALL_TTL));
    }

    private SignedRequest answer(S3Operation operation, UploadSession session, StoreRequestPresigner.SignedCall call) {
        return new SignedRequest(operation.s3Name(), call.method(), call.url(), session.key(), call.headers(), null,
                clock.instant().plus(CALL_TTL));
    }

    /**
     * The tenant's multipart session the request names, with {@code uploadId} bound to it. A key inside another
     * tenant's prefix is forbidden; a key or uploadId that is not one of the tenant's sessions is unknown (404).
     */
    private UploadSession multipartSession(String tenantId, SignRequest request) {
        List<UploadSession> named = sessionsNamedBy(tenantId, request.key()).stream()
                .filter(s -> s.method() == UploadMethod.MULTIPART).toList();
        if (named.isEmpty()) {
            throw new NotFoundException("no multipart upload of this tenant has that key");
        }
        String uploadId = request.uploadId();
        for (UploadSession session : named) {
            if (uploadId.equals(session.multipartUploadId())) {
                return session;
            }
        }
        for (UploadSession session : named) {
            if (session.multipartUploadId() == null && session.status() == UploadSession.Status.PENDING
                    && storeHasUpload(session, uploadId)) {
                if (sessions.bindMultipartUploadId(session.uploadId(), uploadId)) {
                    return uploads.session(tenantId, session.uploadId());
                }
                // A concurrent call bound it first: fine if it bound the same upload.
                UploadSession bound = uploads.session(tenantId, session.uploadId());
                if (uploadId.equals(bound.multipartUploadId())) {
                    return bound;
                }
            }
        }
        throw new NotFoundException("that uploadId is not a multipart upload of that key for this tenant");
    }

    private List<UploadSession> sessionsNamedBy(String tenantId, String key) {
        if (key.startsWith("tenants/")) {
            if (!ObjectKeys.belongsTo(tenantId, key)) {
                throw new InvalidRequestException(HttpStatus.FORBIDDEN, "key", "tenant-prefix",
                        "the key is outside this tenant's prefix");
            }
            return sessions.findByKey(tenantId, key).stream().toList();
        }
        return sessions.findPendingByClientKey(tenantId, key);
    }

    /**
     * The store is the truth: the upload id must be an in-progress multipart upload of exactly this key, in the
     * store the session's credentials were minted for.
     */
    private boolean storeHasUpload(UploadSession session, String uploadId) {
        S3Client s3 = targets.named(session.storageTarget()).s3();
        String keyMarker = null;
        String uploadIdMarker = null;
        while (true) {
            String fromKey = keyMarker;
            String fromUploadId = uploadIdMarker;
            ListMultipartUploadsResponse page = s3.listMultipartUploads(r -> r.bucket(session.bucket())
                    .prefix(session.key()).keyMarker(fromKey).uploadIdMarker(fromUploadId));
            if (page.uploads().stream().anyMatch(u -> session.key().equals(u.key()) && uploadId.equals(u.uploadId()))) {
                return true;
            }
            if (!Boolean.TRUE.equals(page.isTruncated())) {
                return false;
            }
            keyMarker = page.nextKeyMarker();
            uploadIdMarker = page.nextUploadIdMarker();
        }
    }

    /**
     * The file's name as the page sent it, or else the browser's key as a hint: its last segment, never a path.
     * Either way it is only the original filename; the key is the server's.
     */
    private static String filenameHint(String tenantId, SignRequest request) {
        String clientKey = request.key();
        if (clientKey.startsWith("tenants/") && !ObjectKeys.belongsTo(tenantId, clientKey)) {
            throw new InvalidRequestException(HttpStatus.FORBIDDEN, "key", "tenant-prefix",
                    "the key is outside this tenant's prefix");
        }
        if (request.filename() != null && !request.filename().isBlank()) {
            return request.filename();
        }
        String last = clientKey.substring(clientKey.lastIndexOf('/') + 1);
        return Optional.of(last).filter(s -> !s.isBlank()).orElse("upload");
    }
}
