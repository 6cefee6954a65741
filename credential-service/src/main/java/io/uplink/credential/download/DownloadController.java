package io.uplink.credential.download;

import io.uplink.credential.policy.ObjectKeys;
import io.uplink.credential.web.InvalidRequestException;
import io.uplink.servlet.identity.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import io.uplink.credential.storage.TenantStorage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Presigned GETs, only for keys inside the caller's own tenant prefix, on the tenant's storage target. */
@RestController
@RequestMapping("/api/v1/downloads")
class DownloadController {

    private static final int DEFAULT_TTL_SECONDS = 300;

    private final TenantStorage storage;
    private final Clock clock;

    DownloadController(TenantStorage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    @PostMapping
    DownloadGrant presign(Caller caller, @Valid @RequestBody DownloadRequest request) {
        if (!ObjectKeys.belongsTo(caller.tenantId(), request.key())) {
            throw new InvalidRequestException(HttpStatus.FORBIDDEN, "key", "tenant-prefix",
                    "the key is outside this tenant's objects");
        }
        String disposition = request.contentDisposition();
        if (disposition != null && !disposition.matches("(inline|attachment)(; ?filename=\"[\\w .()-]{1,200}\")?")) {
            throw InvalidRequestException.badRequest("contentDisposition", "disposition",
                    "contentDisposition is inline or attachment with an optional simple filename");
        }
        Duration ttl = Duration.ofSeconds(request.ttlSeconds() == null ? DEFAULT_TTL_SECONDS : request.ttlSeconds());
        var target = storage.of(caller.tenantId());
        var presigned = target.presigner().presignGetObject(r -> r.signatureDuration(ttl)
                .getObjectRequest(get -> get.bucket(target.bucket()).key(request.key())
                        .responseContentDisposition(disposition)));
        return new DownloadGrant(presigned.url().toString(), Instant.now(clock).plus(ttl));
    }

    record DownloadRequest(@NotBlank @Size(max = 1024) String key, @Min(1) @Max(3600) Integer ttlSeconds,
                           @Size(max = 256) String contentDisposition) {
    }

    record DownloadGrant(String url, Instant expiresAt) {
    }
}
