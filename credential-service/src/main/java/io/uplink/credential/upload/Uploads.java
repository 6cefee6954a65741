package io.uplink.credential.upload;

import io.uplink.contracts.UploadSource;
import io.uplink.servlet.identity.Caller;
import io.uplink.credential.policy.UploadIntent;
import io.uplink.credential.policy.UploadMethod;
import io.uplink.credential.session.UploadSession;
import io.uplink.credential.session.UploadSessionRepository;
import io.uplink.credential.uploadtoken.UploadTokenLimits;
import io.uplink.credential.web.InvalidRequestException;
import io.uplink.credential.web.NotFoundException;
import io.uplink.credential.web.UploadConflictException;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one door to an upload's life, for the native API, the Uppy adapters, the OSS callback and the reconciler:
 * mint a credential, sign parts, complete, abort or expire. Each operation looks at the session's method once and hands it
 * to single-request (PUT / POST) or multipart handling. An upload made under an upload token gives back to the token
 * what it reserved and did not use when it ends.
 */
@Service
public class Uploads {

    private final CredentialMinting minting;
    private final SingleUploads single;
    private final MultipartUploads multipart;
    private final UploadSessionRepository sessions;
    private final UploadTokenLimits tokens;

    Uploads(CredentialMinting minting, SingleUploads single, MultipartUploads multipart,
            UploadSessionRepository sessions, UploadTokenLimits tokens) {
        this.minting = minting;
        this.single = single;
        this.multipart = multipart;
        this.sessions = sessions;
        this.tokens = tokens;
    }

    /** An exactly sized upload: a PUT, a POST form or a multipart session. */
    public UploadGrant mint(Caller caller, UploadIntent intent) {
        return minting.mint(caller, intent);
    }

    /** Uppy's protocols: no size up front, so the tenant's (or the upload token's) limit is the bound. */
    public UploadGrant mintOpenSize(Caller caller, UploadIntent intent) {
        return minting.mintOpenSize(caller, intent);
    }

    /** A multipart session whose upload the client creates in the store itself (open size). */
    public UploadSession reserveMultipart(Caller caller, UploadIntent intent) {
        return minting.reserveMultipart(caller, intent);
    }

    public UploadSession session(String tenantId, UUID uploadId) {
        return sessions.find(tenantId, uploadId)
                .orElseThrow(() -> new NotFoundException("no upload " + uploadId + " for this tenant"));
    }

    /** The tenant's multipart upload named by the store's upload id and its key, as Uppy Companion names it. */
    public UploadSession multipartSession(String tenantId, String multipartUploadId, String key) {
        return sessions.findByMultipartUploadId(tenantId, multipartUploadId)
                .filter(s -> s.key().equals(key))
                .orElseThrow(() -> new NotFoundException(
                        "no multipart upload with that uploadId and key for this tenant"));
    }

    /** The session and, for a pending multipart upload, the parts the store holds. */
    public UploadState state(String tenantId, UUID uploadId) {
        UploadSession session = session(tenantId, uploadId);
        boolean pendingMultipart = session.method() == UploadMethod.MULTIPART
                && session.status() == UploadSession.Status.PENDING;
        return UploadState.of(session, pendingMultipart ? multipart.storedParts(session) : null);
    }

    public List<StoredPart> storedParts(UploadSession session) {
        return multipart.storedParts(session);
    }

    /** @param numbers the client's part numbers, such as {@code 1-50} or {@code 1,2,7} */
    public List<PartUrl> partUrls(String tenantId, UUID uploadId, String numbers, Duration ttl) {
        UploadSession session = session(tenantId, uploadId);
        requireMultipart(session, "part URLs exist only for MULTIPART uploads");
        return multipart.partUrls(session, PartNumbers.parse(numbers, "numbers"), ttl);
    }

    public List<PartUrl> partUrls(UploadSession session, List<Integer> numbers, Duration ttl) {
        requireMultipart(session, "part URLs exist only for MULTIPART uploads");
        return multipart.partUrls(session, numbers, ttl);
    }

    /**
     * The client's complete call. A multipart upload is assembled from the parts the store holds (any parts the
     * client lists must match them); a single-request upload's stored object is checked against its grant.
     */
    public CompletedUpload complete(UploadSession session, List<ClientPart> parts) {
        CompletedUpload completed = session.method() == UploadMethod.MULTIPART
                ? multipart.complete(session, parts) : single.complete(session);
        tokens.completed(session, completed.size());
        return completed;
    }

    /**
     * Completion without the client's call: the store reported the object (OSS callback) or the reconciler found
     * it. Whatever the method, the object the store holds under the session's key is checked and published.
     *
     * @throws UploadConflictException {@code object-missing} or {@code object-mismatch} (object removed)
     */
    public CompletedUpload completeFromStore(UploadSession session, UploadSource source) {
        if (session.status() == UploadSession.Status.COMPLETED) {
            return CompletedUpload.recorded(session);
        }
        CompletedUpload completed = single.verifyAndPublish(session, source);
        tokens.completed(session, completed.size());
        return completed;
    }

    /** As {@link #completeFromStore(UploadSession, UploadSource)} for the session owning the key, if any. */
    public Optional<CompletedUpload> completeFromStore(String key, UploadSource source) {
        return sessions.findByKey(key).map(session -> completeFromStore(session, source));
    }

    /** Only multipart uploads are aborted; a single upload's credential simply expires. */
    public void abort(UploadSession session) {
        requireMultipart(session, "only MULTIPART uploads can be aborted; single uploads simply expire");
        multipart.abort(session);
        tokens.abandoned(session);
    }

    /**
     * Ends a session whose credential ran out with nothing to publish; an abandoned multipart upload is aborted in
     * the store first.
     *
     * @return false when the session had already left pending (another replica got there first)
     */
    public boolean expire(UploadSession session, Instant now) {
        if (session.method() == UploadMethod.MULTIPART) {
            multipart.abortInStore(session);
        }
        boolean expired = sessions.finish(session.uploadId(), UploadSession.Status.EXPIRED, now, null);
        if (expired) {
            tokens.abandoned(session);
        }
        return expired;
    }

    private static void requireMultipart(UploadSession session, String detail) {
        if (session.method() != UploadMethod.MULTIPART) {
            throw InvalidRequestException.badRequest("uploadId", "multipart-only", detail);
        }
    }
}
