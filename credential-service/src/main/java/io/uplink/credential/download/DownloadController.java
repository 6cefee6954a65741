package io.uplink.credential.download;

import io.uplink.credential.mintlatency.MintsCredentials;
import io.uplink.credential.cdn.CdnDelivery;
import io.uplink.credential.cdn.CloudFrontCdn;
import io.uplink.credential.policy.ObjectKeys;
import io.uplink.credential.storage.StorageTarget;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Download grants, only for keys inside the caller's own tenant prefix, on the store the object is in: a URL on the
 * store's CDN when it has one, else a presigned GET on the store. A requested Content-Disposition is served by the
 * store (a CDN answers objects as it cached them). CloudFront targets also grant signed cookies for a whole prefix.
 */
@RestController
@RequestMapping("/api/v1/downloads")
class DownloadController {

    private static final int DEFAULT_TTL_SECONDS = 300;

    private final ObjectStores stores;
    private final Clock clock;

    DownloadController(ObjectStores stores, Clock clock) {
        this.stores = stores;
        this.clock = clock;
    }

    @MintsCredentials("download")
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
        Duration ttl = ttlOf(request.ttlSeconds());
        Instant expiresAt = Instant.now(clock).plus(ttl);
        ObjectStores.Location location = stores.of(caller.tenantId(), request.key());
        StorageTarget target = location.target();
        Optional<CdnDelivery> cdn = disposition == null ? target.cdn() : Optional.empty();
        if (cdn.isPresent()) {
            return new DownloadGrant(cdn.get().urlFor(request.key(), expiresAt).toString(),
                    cdn.get().expires() ? expiresAt : null, "cdn");
        }
        var presigned = target.presigner().presignGetObject(r -> r
                .signatureDuration(ttl)
                .getObjectRequest(get -> get.bucket(location.bucket()).key(request.key())
                        .responseContentDisposition(disposition)));
        return new DownloadGrant(presigned.url().toString(), expiresAt, "store");
    }

    /** CloudFront signed cookies for every object under {@code prefix} (the tenant's whole prefix when absent). */
    @MintsCredentials("download-cookies")
    @PostMapping("/cookies")
    CloudFrontCdn.SignedCookies cookies(Caller caller, @Valid @RequestBody(required = false) CookiesRequest body) {
        CookiesRequest request = body == null ? new CookiesRequest(null, null) : body;
        String tenantPrefix = ObjectKeys.tenantPrefix(caller.tenantId());
        String prefix = request.prefix() == null ? tenantPrefix : request.prefix();
        boolean inside = prefix.equals(tenantPrefix) || ObjectKeys.belongsTo(caller.tenantId(),
                prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        if (!inside || prefix.contains("*") || prefix.contains("?")) {
            throw new InvalidRequestException(HttpStatus.FORBIDDEN, "prefix", "tenant-prefix",
                    "the prefix is outside this tenant's objects (or holds a wildcard)");
        }
        StorageTarget target = stores.ofTenant(caller.tenantId());
        if (!(target.cdn().orElse(null) instanceof CloudFrontCdn cloudFront)) {
            throw new InvalidRequestException(HttpStatus.CONFLICT, "prefix", "cloudfront-cdn",
                    "signed cookies need a CloudFront CDN; this tenant's store (" + target.name() + ") has "
                            + target.cdn().map(cdn -> "another kind of CDN").orElse("none"));
        }
        return cloudFront.cookiesFor(prefix, Instant.now(clock).plus(ttlOf(request.ttlSeconds())));
    }

    private static Duration ttlOf(Integer ttlSeconds) {
        return Duration.ofSeconds(ttlSeconds == null ? DEFAULT_TTL_SECONDS : ttlSeconds);
    }

    record DownloadRequest(@NotBlank @Size(max = 1024) String key, @Min(1) @Max(3600) Integer ttlSeconds,
                           @Size(max = 256) String contentDisposition) {
    }

    /** @param prefix key prefix inside the tenant's own, e.g. {@code tenants/acme/2026/}; absent = all of the tenant's */
    record CookiesRequest(@Size(max = 1024) String prefix, @Min(1) @Max(86400) Integer ttlSeconds) {
    }

    /**
     * @param expiresAt when the URL stops working; absent for a public CDN's unsigned URL
     * @param via       {@code cdn} or {@code store}
     */
    record DownloadGrant(String url, Instant expiresAt, String via) {
    }
}
