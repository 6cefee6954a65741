package io.uplink.credential.sts;

import io.uplink.credential.mintlatency.MintsCredentials;
import io.uplink.servlet.identity.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

@RestController
class StsCredentialsController {

    private final TemporaryCredentialsIssuer issuer;

    StsCredentialsController(TemporaryCredentialsIssuer issuer) {
        this.issuer = issuer;
    }

    @MintsCredentials("sts")
    @PostMapping("/api/v1/sts/credentials")
    ResponseEntity<?> credentials(Caller caller) {
        return ResponseEntity.ok(issuer.issue(caller));
    }

    /** Uppy Companion's {@code GET /s3/sts}: {@code {credentials:{AccessKeyId,…}, bucket, region}}. */
    @MintsCredentials("uppy-sts")
    @GetMapping("/api/v1/s3/sts")
    ResponseEntity<?> companionSts(Caller caller) {
        TemporaryCredentials issued = issuer.issue(caller);
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("AccessKeyId", issued.accessKeyId());
        credentials.put("SecretAccessKey", issued.secretAccessKey());
        credentials.put("SessionToken", issued.sessionToken());
        credentials.put("Expiration", issued.expiration());
        long maxAge = Math.max(0, Duration.between(Instant.now(), issued.expiration()).toSeconds() - 300);
        // Per-tenant credentials: cacheable by the browser only, never by a shared cache.
        return ResponseEntity.ok().header("Cache-Control", "private,max-age=" + maxAge)
                .body(Map.of("credentials", credentials, "bucket", issued.bucket(), "region", issued.region()));
    }

    /** A client error, not the server's: this tenant's storage has no STS, and presigned uploads are the way. */
    @ExceptionHandler(TemporaryCredentialsIssuer.NoStsException.class)
    ResponseEntity<ProblemDetail> noSts(TemporaryCredentialsIssuer.NoStsException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setProperty("storageTarget", e.target());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }
}
