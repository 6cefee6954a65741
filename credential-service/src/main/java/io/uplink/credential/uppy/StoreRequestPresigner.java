package io.uplink.credential.uppy;

import io.uplink.credential.policy.ContentTypes;
import io.uplink.credential.session.UploadSession;
import io.uplink.credential.storage.StorageTarget;
import io.uplink.credential.storage.StorageTargets;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Presigns the multipart calls a client makes against the store itself. {@link S3Presigner} covers
 * CreateMultipartUpload, CompleteMultipartUpload and AbortMultipartUpload; it has no ListParts presigner, so that
 * one goes through the SDK's generic SigV4 signer with query-string authentication. Every call is signed by the
 * session's own storage target (its presigner, keys, region and client endpoint), so it is valid only on that store.
 */
@Component
class StoreRequestPresigner {

    private final StorageTargets targets;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    StoreRequestPresigner(StorageTargets targets) {
        this.targets = targets;
    }

    /** The content type is signed when the session has one, so the store refuses any other. */
    SignedCall createMultipartUpload(UploadSession session, Duration ttl) {
        String type = ContentTypes.isAny(session.contentType()) ? null : session.contentType();
        return of(presignerOf(session).presignCreateMultipartUpload(r -> r.signatureDuration(ttl)
                .createMultipartUploadRequest(c -> c.bucket(session.bucket()).key(session.key()).contentType(type))));
    }

    SignedCall completeMultipartUpload(UploadSession session, Duration ttl) {
        return of(presignerOf(session).presignCompleteMultipartUpload(r -> r.signatureDuration(ttl)
                .completeMultipartUploadRequest(c -> c.bucket(session.bucket()).key(session.key())
                        .uploadId(session.multipartUploadId()))));
    }

    SignedCall abortMultipartUpload(UploadSession session, Duration ttl) {
        return of(presignerOf(session).presignAbortMultipartUpload(r -> r.signatureDuration(ttl)
                .abortMultipartUploadRequest(c -> c.bucket(session.bucket()).key(session.key())
                        .uploadId(session.multipartUploadId()))));
    }

    /** {@code GET /{key}?uploadId=}, signed for the host clients reach the store at. */
    SignedCall listParts(UploadSession session, Duration ttl) {
        StorageTarget target = targets.named(session.storageTarget());
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(objectUri(target, session.key()))
                .putRawQueryParameter("uploadId", session.multipartUploadId())
                .build();
        SignedRequest signed = signer.sign(r -> r.identity(AwsBasicCredentials.create(target.accessKey(), target.secretKey()))
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, target.region())
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, ttl)
                // S3 signs the path as sent: no double encoding, no dot-segment normalisation.
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
        return new SignedCall("GET", signed.request().getUri().toString(), headersToSend(signed.request().headers()));
    }

    private S3Presigner presignerOf(UploadSession session) {
        return targets.named(session.storageTarget()).presigner();
    }

    private static URI objectUri(StorageTarget target, String key) {
        String bucketUrl = target.bucketUrl().toString();
        String base = bucketUrl.endsWith("/") ? bucketUrl : bucketUrl + "/";
        return URI.create(base + SdkHttpUtils.urlEncodeIgnoreSlashes(key));
    }

    private static SignedCall of(PresignedRequest presigned) {
        return new SignedCall(presigned.httpRequest().method().name(), presigned.url().toString(),
                headersToSend(presigned.signedHeaders()));
    }

    /** Host is set by every HTTP client itself; everything else signed must be sent verbatim. */
    private static Map<String, String> headersToSend(Map<String, List<String>> signed) {
        Map<String, String> headers = new LinkedHashMap<>();
        signed.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name, String.join(",", values));
            }
        });
        return headers;
    }

    /** One presigned store call: send {@code method} to {@code url} with exactly {@code headers}. */
    record SignedCall(String method, String url, Map<String, String> headers) {
    }
}
