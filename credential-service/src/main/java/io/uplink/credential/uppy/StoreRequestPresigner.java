package io.uplink.credential.uppy;

import io.uplink.credential.policy.ContentTypes;
import io.uplink.credential.session.UploadSession;
import io.uplink.credential.storage.StorageProperties;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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
 * one goes through the SDK's generic SigV4 signer with query-string authentication.
 */
@Component
class StoreRequestPresigner {

    private final S3Presigner presigner;
    private final AwsCredentialsProvider credentials;
    private final StorageProperties storage;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    StoreRequestPresigner(S3Presigner presigner, AwsCredentialsProvider credentials, StorageProperties storage) {
        this.presigner = presigner;
        this.credentials = credentials;
        this.storage = storage;
    }

    /** The content type is signed when the session has one, so the store refuses any other. */
    SignedCall createMultipartUpload(UploadSession session, Duration ttl) {
        String type = ContentTypes.isAny(session.contentType()) ? null : session.contentType();
        return of(presigner.presignCreateMultipartUpload(r -> r.signatureDuration(ttl)
                .createMultipartUploadRequest(c -> c.bucket(session.bucket()).key(session.key()).contentType(type))));
    }

    SignedCall completeMultipartUpload(UploadSession session, Duration ttl) {
        return of(presigner.presignCompleteMultipartUpload(r -> r.signatureDuration(ttl)
                .completeMultipartUploadRequest(c -> c.bucket(session.bucket()).key(session.key())
                        .uploadId(session.multipartUploadId()))));
    }

    SignedCall abortMultipartUpload(UploadSession session, Duration ttl) {
        return of(presigner.presignAbortMultipartUpload(r -> r.signatureDuration(ttl)
                .abortMultipartUploadRequest(c -> c.bucket(session.bucket()).key(session.key())
                        .uploadId(session.multipartUploadId()))));
    }

    /** {@code GET /{key}?uploadId=}, signed for the host clients reach the store at. */
    SignedCall listParts(UploadSession session, Duration ttl) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(objectUri(session.key()))
                .putRawQueryParameter("uploadId", session.multipartUploadId())
                .build();
        SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials())
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, storage.region())
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, ttl)
                // S3 signs the path as sent: no double encoding, no dot-segment normalisation.
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
        return new SignedCall("GET", signed.request().getUri().toString(), headersToSend(signed.request().headers()));
    }

    private URI objectUri(String key) {
        String bucketUrl = storage.bucketUrl().toString();
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
