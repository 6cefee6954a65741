package io.uplink.credential.upload;

import io.uplink.credential.web.InvalidRequestException;
import io.uplink.credential.identity.Caller;
import io.uplink.credential.policy.PartPlan;
import io.uplink.credential.policy.UploadMethod;
import io.uplink.credential.session.UploadSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/v1/uploads")
class UploadController {

    private final UploadService uploads;
    private final MultipartUploads multipart;
    private final Clock clock;

    UploadController(UploadService uploads, MultipartUploads multipart, Clock clock) {
        this.uploads = uploads;
        this.multipart = multipart;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<UploadGrant> create(Caller caller, @Valid @RequestBody CreateUploadRequest request) {
        UploadGrant grant = uploads.create(caller, request);
        return ResponseEntity.created(URI.create("/api/v1/uploads/" + grant.uploadId())).body(grant);
    }

    @GetMapping("/{uploadId}")
    UploadState state(Caller caller, @PathVariable UUID uploadId) {
        UploadSession session = uploads.session(caller.tenantId(), uploadId);
        boolean pendingMultipart = session.method() == UploadMethod.MULTIPART
                && session.status() == UploadSession.Status.PENDING;
        return UploadState.of(session, pendingMultipart ? multipart.storedParts(session) : null);
    }

    @GetMapping("/{uploadId}/parts")
    PartUrls partUrls(Caller caller, @PathVariable UUID uploadId, @RequestParam(required = false) String numbers) {
        UploadSession session = uploads.session(caller.tenantId(), uploadId);
        if (session.method() != UploadMethod.MULTIPART) {
            throw InvalidRequestException.badRequest("uploadId", "multipart-only",
                    "part URLs exist only for MULTIPART uploads");
        }
        Duration ttl = Duration.ofMinutes(15);
        List<PartUrl> urls = multipart.partUrls(session, PartNumbers.parse(numbers, "numbers"), ttl);
        return new PartUrls(urls, Instant.now(clock).plus(ttl));
    }

    @PostMapping("/{uploadId}/complete")
    CompletedUpload complete(Caller caller, @PathVariable UUID uploadId,
                             @Valid @RequestBody(required = false) CompleteUploadRequest request) {
        UploadSession session = uploads.session(caller.tenantId(), uploadId);
        if (session.method() == UploadMethod.MULTIPART) {
            return multipart.complete(session, request == null || request.parts() == null ? List.of() : request.parts());
        }
        return uploads.complete(caller.tenantId(), uploadId);
    }

    @DeleteMapping("/{uploadId}")
    ResponseEntity<Void> abort(Caller caller, @PathVariable UUID uploadId) {
        UploadSession session = uploads.session(caller.tenantId(), uploadId);
        if (session.method() != UploadMethod.MULTIPART) {
            throw InvalidRequestException.badRequest("uploadId", "multipart-only",
                    "only MULTIPART uploads can be aborted; single uploads simply expire");
        }
        multipart.abort(session);
        return ResponseEntity.noContent().build();
    }

    record PartUrls(List<PartUrl> parts, Instant expiresAt) {
    }

    /** At most S3's 10,000 parts: a longer list cannot complete, and is refused before any work. */
    record CompleteUploadRequest(@Size(max = PartPlan.MAX_PARTS) List<@Valid ClientPart> parts) {
    }
}
