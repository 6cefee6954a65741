package io.uplink.credential.upload;

import io.uplink.credential.policy.ContentTypes;
import io.uplink.credential.policy.UploadPolicy;
import io.uplink.credential.storage.StorageProperties;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders an {@link UploadPolicy} into the credential its method needs. */
@Component
class UploadCredentials {

    private final S3Presigner presigner;
    private final StorageProperties storage;
    private final PostPolicySigner postPolicySigner;

    UploadCredentials(S3Presigner presigner, StorageProperties storage) {
        this.presigner = presigner;
        this.storage = storage;
        this.postPolicySigner = new PostPolicySigner(storage.accessKey(), storage.secretKey(), storage.region());
    }

    UploadGrant presignedPut(UploadPolicy policy) {
        PutObjectRequest.Builder put = PutObjectRequest.builder()
                .bucket(policy.bucket())
                .key(policy.key())
                .contentType(ContentTypes.isAny(policy.contentType()) ? null : policy.contentType())
                .contentLength(policy.exactSize() ? policy.size() : null);
        if (policy.checksumSha256() != null) {
            put.checksumSHA256(policy.checksumSha256());
        }
        PresignedPutObjectRequest presigned = presigner.presignPutObject(request -> request
                .signatureDuration(Duration.between(policy.issuedAt(), policy.expiresAt()))
                .putObjectRequest(put.build()));
        return new UploadGrant(policy.uploadId(), policy.key(), policy.method(), presigned.url().toString(),
                headersToSend(presigned.signedHeaders()), null, policy.expiresAt(), null, null);
    }

    UploadGrant postForm(UploadPolicy policy) {
        Map<String, String> fields = postPolicySigner.sign(policy.postPolicyConditions(), policy.postFormFields(),
                policy.issuedAt(), policy.expiresAt());
        return new UploadGrant(policy.uploadId(), policy.key(), policy.method(), storage.bucketUrl().toString(), null,
                fields, policy.expiresAt(), null, null);
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
}
