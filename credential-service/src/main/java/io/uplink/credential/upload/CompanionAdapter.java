package io.uplink.credential.upload;

import io.uplink.credential.identity.Caller;
import io.uplink.credential.policy.UploadIntent;
import io.uplink.credential.session.UploadSession;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** The native upload operations the Uppy adapters use, so they stay adapters and not a second implementation. */
@Component
public class CompanionAdapter {

    private final UploadService uploads;
    private final MultipartUploads multipart;

    CompanionAdapter(UploadService uploads, MultipartUploads multipart) {
        this.uploads = uploads;
        this.multipart = multipart;
    }

    public UploadGrant createOpenSize(Caller caller, UploadIntent intent) {
        return uploads.createOpenSize(caller, intent);
    }

    /** An exactly sized PUT or POST credential, as {@code POST /api/v1/uploads} grants it. */
    public UploadGrant create(Caller caller, UploadIntent intent) {
        return uploads.create(caller, new CreateUploadRequest(intent.filename(), intent.contentType(), intent.size(),
                intent.checksumSha256(), intent.metadata(), intent.method()));
    }

    /** A multipart session whose upload the client creates in the store itself (open size). */
    public UploadSession reserveMultipart(Caller caller, UploadIntent intent) {
        return uploads.reserveMultipart(caller, intent);
    }

    public UploadSession session(String tenantId, UUID uploadId) {
        return uploads.session(tenantId, uploadId);
    }

    public List<StoredPart> storedParts(UploadSession session) {
        return multipart.storedParts(session);
    }

    public List<Integer> parsePartNumbers(String spec, String field) {
        return PartNumbers.parse(spec, field);
    }

    public List<PartUrl> partUrls(UploadSession session, List<Integer> numbers, Duration ttl) {
        return multipart.partUrls(session, numbers, ttl);
    }

    public CompletedUpload completeMultipart(UploadSession session, List<ClientPart> parts) {
        return multipart.complete(session, parts);
    }

    public void abort(UploadSession session) {
        multipart.abort(session);
    }
}
