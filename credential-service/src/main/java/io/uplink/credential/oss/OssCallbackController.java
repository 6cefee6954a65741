package io.uplink.credential.oss;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.uplink.contracts.EventJson;
import io.uplink.contracts.UploadSource;
import io.uplink.credential.upload.CompletedUpload;
import io.uplink.credential.upload.Uploads;
import io.uplink.credential.web.UploadConflictException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Alibaba OSS upload callbacks. Reached without a tenant identity (OSS calls it), so trust comes only from OSS's
 * signature; the tenant comes from the session that owns the key. OSS waits 5 s and never retries, so this answers
 * fast with JSON.
 */
@RestController
class OssCallbackController {

    static final String PATH = "/api/v1/oss/callback";
    private static final Logger log = LoggerFactory.getLogger(OssCallbackController.class);

    private final OssCallbackVerifier verifier;
    private final Uploads uploads;

    OssCallbackController(OssCallbackProperties properties, Uploads uploads) {
        this.verifier = new OssCallbackVerifier(new OssPublicKeys(properties,
                HttpClient.newBuilder().connectTimeout(properties.keyFetchTimeout()).build(), Clock.systemUTC()));
        this.uploads = uploads;
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> callback(HttpServletRequest request, @RequestBody(required = false) byte[] body) {
        byte[] payload = body == null ? new byte[0] : body;
        try {
            verifier.verify(request.getRequestURI(), request.getQueryString(), payload,
                    request.getHeader("Authorization"), request.getHeader("x-oss-pub-key-url"));
        } catch (OssCallbackVerifier.InvalidCallbackException e) {
            log.warn("rejected OSS callback: {}", e.getMessage());
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("status", "rejected", "reason", e.getMessage()));
        }
        CallbackBody callback;
        try {
            callback = EventJson.read(payload, CallbackBody.class);
        } catch (RuntimeException e) {
            return ResponseEntity.badRequest().body(Map.of("status", "rejected", "reason", "callback body is not the expected JSON"));
        }
        Optional<CompletedUpload> completed;
        try {
            completed = callback.object() == null ? Optional.empty()
                    : uploads.completeFromStore(callback.object(), UploadSource.OSS_CALLBACK);
        } catch (UploadConflictException e) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("status", "rejected", "reason", e.rule()));
        }
        if (completed.isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("status", "rejected", "reason", "unknown object"));
        }
        return ResponseEntity.ok(Map.of("status", "ok"));
    }

    /** The JSON our {@code x-oss-callback} asks OSS to send (callbackBody with OSS's system variables). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CallbackBody(String bucket, String object, Long size, String mimeType, String etag) {
    }
}
