package io.uplink.credential.upload;

import io.uplink.credential.mintlatency.MintsCredentials;
import io.uplink.servlet.identity.Caller;
import io.uplink.credential.policy.PartPlan;
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

    private static final Duration PART_URL_TTL = Duration.ofMinutes(15);

    private final Uploads uploads;
    private final Clock clock;

    UploadController(Uploads uploads, Clock clock) {
        this.uploads = uploads;
        this.clock = clock;
    }

    @MintsCredentials("upload")
    @PostMapping
    ResponseEntity<UploadGrant> create(Caller caller, @Valid @RequestBody CreateUploadRequest request) {
        UploadGrant grant = uploads.mint(caller, request.toIntent());
        return ResponseEntity.created(URI.create("/api/v1/uploads/" + grant.uploadId())).body(grant);
    }

    @GetMapping("/{uploadId}")
    UploadState state(Caller caller, @PathVariable UUID uploadId) {
        return uploads.state(caller.tenantId(), uploadId);
    }

    @MintsCredentials("part-urls")
    @GetMapping("/{uploadId}/parts")
    PartUrls partUrls(Caller caller, @PathVariable UUID uploadId, @RequestParam(required = false) String numbers) {
        List<PartUrl> urls = uploads.partUrls(caller.tenantId(), uploadId, numbers, PART_URL_TTL);
        return new PartUrls(urls, Instant.now(clock).plus(PART_URL_TTL));
    }

    @PostMapping("/{uploadId}/complete")
    CompletedUpload complete(Caller caller, @PathVariable UUID uploadId,
                             @Valid @RequestBody(required = false) CompleteUploadRequest request) {
        return uploads.complete(uploads.session(caller.tenantId(), uploadId),
                request == null || request.parts() == null ? List.of() : request.parts());
    }

    @DeleteMapping("/{uploadId}")
    ResponseEntity<Void> abort(Caller caller, @PathVariable UUID uploadId) {
        uploads.abort(uploads.session(caller.tenantId(), uploadId));
        return ResponseEntity.noContent().build();
    }

    record PartUrls(List<PartUrl> parts, Instant expiresAt) {
    }

    /** At most S3's 10,000 parts: a longer list cannot complete, and is refused before any work. */
    record CompleteUploadRequest(@Size(max = PartPlan.MAX_PARTS) List<@Valid ClientPart> parts) {
    }
}
