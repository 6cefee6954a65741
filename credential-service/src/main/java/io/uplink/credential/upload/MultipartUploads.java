package io.uplink.credential.upload;

import io.uplink.contracts.UploadSource;
import io.uplink.credential.policy.ContentTypes;
import io.uplink.credential.policy.PartPlan;
import io.uplink.credential.policy.UploadPolicy;
import io.uplink.credential.session.UploadSession;
import io.uplink.credential.session.UploadSessionRepository;
import io.uplink.credential.storage.StorageTarget;
import io.uplink.credential.storage.StorageTargets;
import io.uplink.credential.web.InvalidRequestException;
import io.uplink.credential.web.UploadConflictException;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedUploadPartRequest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Multipart sessions. The store is the truth about which parts exist (ListParts), so a client that crashed asks
 * for the state and uploads only the missing parts. Each part URL signs the part's exact Content-Length.
 */
@Component
class MultipartUploads {

    static final int MAX_PARTS_PER_BATCH = 100;

    private final StorageTargets targets;
    private final UploadSessionRepository sessions;
    private final CompletionPublication publication;
    private final Clock clock;

    MultipartUploads(StorageTargets targets, UploadSessionRepository sessions, CompletionPublication publication,
                     Clock clock) {
        this.targets = targets;
        this.sessions = sessions;
        this.publication = publication;
        this.clock = clock;
    }

    UploadGrant start(UploadPolicy policy, StorageTarget target) {
        // Open-size sessions (Uppy Companion) let the client choose its part size; S3 still enforces 5 MiB minimum.
        PartPlan plan = policy.exactSize() ? PartPlan.forSize(policy.size()) : null;
        String type = ContentTypes.isAny(policy.contentType()) ? null : policy.contentType();
        String multipartUploadId = target.s3().createMultipartUpload(r -> r.bucket(policy.bucket()).key(policy.key())
                .contentType(type)).uploadId();
        UploadSession session = UploadSession.multipart(policy, multipartUploadId, plan, target.name());
        sessions.insert(session);
        return new UploadGrant(policy.uploadId(), policy.key(), policy.method(), null, null, null, session.expiresAt(),
                session.partSize(), session.partCount());
    }

    /**
     * A session for a multipart upload the client creates in the store itself (Uppy 6 {@code signRequest}): the
     * store's upload id is bound later, on the first call that names it.
     */
    UploadSession reserve(UploadPolicy policy, StorageTarget target) {
        UploadSession session = UploadSession.multipart(policy, null, null, target.name());
        sessions.insert(session);
        return session;
    }

    List<PartUrl> partUrls(UploadSession session, List<Integer> partNumbers, Duration ttl) {
        requirePending(session);
        if (partNumbers.isEmpty() || partNumbers.size() > MAX_PARTS_PER_BATCH) {
            throw InvalidRequestException.badRequest("numbers", "batch-size",
                    "ask for 1 to " + MAX_PARTS_PER_BATCH + " part numbers at a time");
        }
        PartPlan plan = session.exactSize() ? plan(session) : null;
        int maxPart = plan == null ? PartPlan.MAX_PARTS : plan.partCount();
        S3Presigner presigner = store(session).presigner();
        List<PartUrl> urls = new ArrayList<>();
        for (int number : partNumbers) {
            if (number < 1 || number > maxPart) {
                throw InvalidRequestException.badRequest("numbers", "part-number-range",
                        "part numbers run from 1 to " + maxPart + " for this upload");
            }
            Long size = plan == null ? null : plan.sizeOfPart(number, session.declaredSize());
            PresignedUploadPartRequest presigned = presigner.presignUploadPart(r -> r.signatureDuration(ttl)
                    .uploadPartRequest(part -> part.bucket(session.bucket()).key(session.key())
                            .uploadId(session.multipartUploadId()).partNumber(number).contentLength(size)));
            Map<String, String> headers = new LinkedHashMap<>();
            presigned.signedHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("host")) {
                    headers.put(name, String.join(",", values));
                }
            });
            urls.add(new PartUrl(number, presigned.url().toString(), size == null ? -1 : size, headers));
        }
        return urls;
    }

    /** Every part the store holds, across ListParts pages of 1,000. */
    List<StoredPart> storedParts(UploadSession session) {
        S3Client s3 = store(session).s3();
        List<StoredPart> parts = new ArrayList<>();
        Integer marker = null;
        while (true) {
            Integer from = marker;
            ListPartsResponse page;
            try {
                page = s3.listParts(r -> r.bucket(session.bucket()).key(session.key())
                        .uploadId(session.multipartUploadId()).partNumberMarker(from));
            } catch (NoSuchUploadException e) {
                throw new UploadConflictException("multipart-gone", "the store no longer has this multipart upload");
            }
            page.parts().forEach(p -> parts.add(new StoredPart(p.partNumber(), p.size(), p.eTag())));
            if (!Boolean.TRUE.equals(page.isTruncated())) {
                return parts;
            }
            marker = page.nextPartNumberMarker();
        }
    }

    CompletedUpload complete(UploadSession session, List<ClientPart> clientParts) {
        if (session.status() == UploadSession.Status.COMPLETED) {
            return CompletedUpload.recorded(session);
        }
        requirePending(session);
        TreeMap<Integer, StoredPart> stored = new TreeMap<>();
        storedParts(session).forEach(p -> stored.put(p.partNumber(), p));
        if (session.exactSize()) {
            checkAgainstPlan(session, stored);
        } else {
            checkWithinBound(session, stored);
        }
        for (ClientPart claimed : clientParts) {
            StoredPart part = stored.get(claimed.partNumber());
            if (part == null || !unquote(part.etag()).equals(unquote(claimed.etag()))) {
                throw new UploadConflictException("part-etag", "part " + claimed.partNumber()
                        + " has another ETag in the store than the client reported");
            }
        }
        S3Client s3 = store(session).s3();
        List<CompletedPart> parts = stored.values().stream()
                .map(p -> CompletedPart.builder().partNumber(p.partNumber()).eTag(p.etag()).build()).toList();
        s3.completeMultipartUpload(r -> r.bucket(session.bucket()).key(session.key())
                .uploadId(session.multipartUploadId()).multipartUpload(m -> m.parts(parts)));
        // The final ETag's format differs between stores, so only the size is checked, never the ETag formula.
        long expected = stored.values().stream().mapToLong(StoredPart::size).sum();
        HeadObjectResponse head = s3.headObject(r -> r.bucket(session.bucket()).key(session.key()));
        if (head.contentLength() != expected || (session.exactSize() && expected != session.declaredSize())) {
            s3.deleteObject(r -> r.bucket(session.bucket()).key(session.key()));
            sessions.finish(session.uploadId(), UploadSession.Status.REJECTED, clock.instant(), head.eTag());
            throw new UploadConflictException("object-mismatch", "assembled size " + head.contentLength()
                    + " differs from the expected " + expected + "; the object was removed");
        }
        return publication.publish(session.withStoredType(head.contentType()), head, s3,
                UploadSource.MULTIPART_COMPLETE);
    }

    private static void checkAgainstPlan(UploadSession session, Map<Integer, StoredPart> stored) {
        PartPlan plan = plan(session);
        List<Integer> missing = new ArrayList<>();
        for (int n = 1; n <= plan.partCount(); n++) {
            StoredPart part = stored.get(n);
            if (part == null) {
                missing.add(n);
            } else if (part.size() != plan.sizeOfPart(n, session.declaredSize())) {
                throw new UploadConflictException("part-size", "part " + n + " holds " + part.size()
                        + " bytes, expected " + plan.sizeOfPart(n, session.declaredSize()));
            }
        }
        if (!missing.isEmpty()) {
            throw new UploadConflictException("parts-missing", "parts not yet uploaded: " + abbreviate(missing));
        }
        if (stored.size() != plan.partCount()) {
            throw new UploadConflictException("parts-extra", "the store holds parts beyond " + plan.partCount());
        }
    }

    private static void checkWithinBound(UploadSession session, TreeMap<Integer, StoredPart> stored) {
        if (stored.isEmpty()) {
            throw new UploadConflictException("parts-missing", "no part was uploaded yet");
        }
        List<Integer> missing = new ArrayList<>();
        for (int n = 1; n <= stored.lastKey(); n++) {
            if (!stored.containsKey(n)) {
                missing.add(n);
            }
        }
        if (!missing.isEmpty()) {
            throw new UploadConflictException("parts-missing", "parts not yet uploaded: " + abbreviate(missing));
        }
        long total = stored.values().stream().mapToLong(StoredPart::size).sum();
        if (total > session.declaredSize()) {
            throw new UploadConflictException("max-object-size", "the parts hold " + total
                    + " bytes, above the tenant's limit of " + session.declaredSize());
        }
    }

    void abort(UploadSession session) {
        requirePending(session);
        try {
            store(session).s3().abortMultipartUpload(r -> r.bucket(session.bucket()).key(session.key())
                    .uploadId(session.multipartUploadId()));
        } catch (NoSuchUploadException e) {
            // Already gone in the store: the session still ends as aborted.
        }
        sessions.finish(session.uploadId(), UploadSession.Status.ABORTED, clock.instant(), null);
    }

    /**
     * Aborts every upload the store holds for an abandoned session: a signRequest client may have created uploads
     * under the key without ever naming one to us.
     */
    void abortInStore(UploadSession session) {
        S3Client s3 = store(session).s3();
        List<String> uploadIds = session.multipartUploadId() != null ? List.of(session.multipartUploadId())
                : s3.listMultipartUploadsPaginator(r -> r.bucket(session.bucket()).prefix(session.key()))
                        .uploads().stream().filter(u -> session.key().equals(u.key()))
                        .map(MultipartUpload::uploadId).toList();
        for (String uploadId : uploadIds) {
            try {
                s3.abortMultipartUpload(r -> r.bucket(session.bucket()).key(session.key()).uploadId(uploadId));
            } catch (NoSuchUploadException e) {
                // already gone from the store
            }
        }
    }

    private StorageTarget store(UploadSession session) {
        return targets.named(session.storageTarget());
    }

    private static PartPlan plan(UploadSession session) {
        return new PartPlan(session.partSize(), session.partCount());
    }

    private static void requirePending(UploadSession session) {
        if (session.status() != UploadSession.Status.PENDING) {
            throw new UploadConflictException("upload-" + session.status().name().toLowerCase(),
                    "this upload is " + session.status().name().toLowerCase());
        }
    }

    private static String unquote(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }

    private static String abbreviate(List<Integer> numbers) {
        return numbers.size() <= 20 ? numbers.toString() : numbers.subList(0, 20) + " and " + (numbers.size() - 20) + " more";
    }
}
