package io.uplink.credential.uppy;

import io.uplink.credential.mintlatency.MintsCredentials;
import java.time.Instant;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.uplink.credential.upload.ClientPart;
import io.uplink.servlet.identity.Caller;
import io.uplink.credential.policy.PartPlan;
import io.uplink.credential.policy.UploadIntent;
import io.uplink.credential.policy.UploadMethod;
import io.uplink.credential.session.UploadSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import io.uplink.credential.upload.CompletedUpload;
import io.uplink.credential.upload.PartNumbers;
import io.uplink.credential.upload.PartUrl;
import io.uplink.credential.upload.StoredPart;
import io.uplink.credential.upload.UploadGrant;
import io.uplink.credential.upload.Uploads;
import io.uplink.credential.storage.StorageTargets;
import io.uplink.credential.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Uppy Companion's S3 endpoints with Companion's exact JSON, for {@code @uppy/aws-s3} in Companion mode. A thin
 * adapter over the native upload API: the tenant comes from the identity assertion, keys are server-assigned,
 * and every {@code uploadId}/{@code key} pair must belong to one of the tenant's own sessions.
 */
@RestController
@RequestMapping("/api/v1/s3")
class CompanionS3Controller {

    private static final Duration PART_URL_TTL = Duration.ofMinutes(15);

    private final Uploads uploads;
    private final StorageTargets targets;

    CompanionS3Controller(Uploads uploads, StorageTargets targets) {
        this.uploads = uploads;
        this.targets = targets;
    }

    /** {@code GET /s3/params?filename=&type=&metadata[name]=value} → a POST form bounded by the tenant's limit. */
    @MintsCredentials("uppy-params")
    @GetMapping("/params")
    Map<String, Object> params(Caller caller, @RequestParam(required = false) String filename,
                               @RequestParam(required = false) String type, HttpServletRequest request) {
        UploadGrant grant = uploads.mintOpenSize(caller,
                new UploadIntent(filename, type, null, null, UppyMetadata.pageFields(metadata(request)),
                        UploadMethod.POST));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("method", "POST");
        answer.put("url", grant.url());
        answer.put("fields", grant.fields());
        answer.put("expires", grant.expiresAt().getEpochSecond() - Instant.now().getEpochSecond());
        return answer;
    }

    /** {@code POST /s3/multipart {filename, type, metadata}} → {@code {key, uploadId, bucket}}. */
    @MintsCredentials("uppy-multipart")
    @PostMapping("/multipart")
    Map<String, Object> createMultipart(Caller caller, @RequestBody CreateMultipart body) {
        UploadGrant grant = uploads.mintOpenSize(caller,
                new UploadIntent(body.filename(), body.type(), null, null, UppyMetadata.pageFields(body.metadata()),
                        UploadMethod.MULTIPART));
        UploadSession session = uploads.session(caller.tenantId(), grant.uploadId());
        return Map.of("key", session.key(), "uploadId", session.multipartUploadId(), "bucket", session.bucket());
    }

    @GetMapping("/multipart/{uploadId}")
    List<Map<String, Object>> listParts(Caller caller, @PathVariable String uploadId, @RequestParam String key) {
        UploadSession session = session(caller, uploadId, key);
        return uploads.storedParts(session).stream().map(CompanionS3Controller::companionPart).toList();
    }

    @MintsCredentials("uppy-part-urls")
    @GetMapping("/multipart/{uploadId}/batch")
    Map<String, Object> batch(Caller caller, @PathVariable String uploadId, @RequestParam String key,
                              @RequestParam String partNumbers) {
        UploadSession session = session(caller, uploadId, key);
        List<Integer> numbers = PartNumbers.parse(partNumbers, "partNumbers");
        Map<String, String> urls = new LinkedHashMap<>();
        for (PartUrl url : uploads.partUrls(session, numbers, PART_URL_TTL)) {
            urls.put(String.valueOf(url.partNumber()), url.url());
        }
        return Map.of("presignedUrls", urls);
    }

    @MintsCredentials("uppy-part-url")
    @GetMapping("/multipart/{uploadId}/{partNumber}")
    Map<String, Object> signPart(Caller caller, @PathVariable String uploadId, @PathVariable String partNumber,
                                 @RequestParam String key) {
        UploadSession session = session(caller, uploadId, key);
        List<Integer> numbers = PartNumbers.parse(partNumber, "partNumber");
        if (numbers.size() != 1) {
            throw InvalidRequestException.badRequest("partNumber", "part-number-range", "one part number, 1 to 10000");
        }
        PartUrl url = uploads.partUrls(session, numbers, PART_URL_TTL).get(0);
        return Map.of("url", url.url(), "expires", PART_URL_TTL.toSeconds());
    }

    /** Body {@code {parts:[{PartNumber, ETag}]}} → {@code {location, key, bucket}}. */
    @PostMapping("/multipart/{uploadId}/complete")
    Map<String, Object> complete(Caller caller, @PathVariable String uploadId, @RequestParam String key,
                                 @Valid @RequestBody CompleteMultipart body) {
        UploadSession session = session(caller, uploadId, key);
        if (body == null || body.parts() == null) {
            throw InvalidRequestException.badRequest("parts", "required", "parts must be an array of {ETag, PartNumber}");
        }
        CompletedUpload completed = uploads.complete(session, body.parts().stream()
                .map(p -> new ClientPart(p.partNumber(), p.etag())).toList());
        String base = targets.named(session.storageTarget()).bucketUrl().toString();
        return Map.of("location", (base.endsWith("/") ? base : base + "/") + completed.key(),
                "key", completed.key(), "bucket", session.bucket());
    }

    @DeleteMapping("/multipart/{uploadId}")
    Map<String, Object> abort(Caller caller, @PathVariable String uploadId, @RequestParam String key) {
        uploads.abort(session(caller, uploadId, key));
        return Map.of();
    }

    /** The pair must name one of this tenant's sessions: a foreign or made-up key is simply unknown. */
    private UploadSession session(Caller caller, String multipartUploadId, String key) {
        return uploads.multipartSession(caller.tenantId(), multipartUploadId, key);
    }

    private static Map<String, Object> companionPart(StoredPart part) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("PartNumber", part.partNumber());
        json.put("ETag", part.etag());
        json.put("Size", part.size());
        return json;
    }

    /** Companion's query form {@code metadata[name]=value}. */
    private static Map<String, String> metadata(HttpServletRequest request) {
        Map<String, String> metadata = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (name.startsWith("metadata[") && name.endsWith("]") && values.length > 0) {
                metadata.put(name.substring("metadata[".length(), name.length() - 1), values[0]);
            }
        });
        return metadata;
    }

    record CreateMultipart(String filename, String type, Map<String, String> metadata) {
    }

    record CompanionPart(@JsonProperty("PartNumber") int partNumber,
                         @JsonProperty("ETag") String etag) {
    }

    /** At most S3's 10,000 parts: a longer list cannot complete, and is refused before any work. */
    record CompleteMultipart(@Size(max = PartPlan.MAX_PARTS) List<CompanionPart> parts) {
    }
}
