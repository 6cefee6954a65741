package io.uplink.credential.upload;

import io.uplink.credential.policy.ContentTypes;
import io.uplink.credential.policy.UploadPolicy;
import io.uplink.credential.oss.OssUploadCallback;
import io.uplink.credential.storage.StorageTarget;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Renders an {@link UploadPolicy} into the credential its method needs, signed for the tenant's storage target. */
@Component
class UploadCredentials {

    private final Map<String, PostPolicySigner> postPolicySigners = new ConcurrentHashMap<>();

    UploadGrant presignedPut(UploadPolicy policy, StorageTarget target) {
        PutObjectRequest.Builder put = PutObjectRequest.builder()
                .bucket(policy.bucket())
                .key(policy.key())
                .contentType(ContentTypes.isAny(policy.contentType()) ? null : policy.contentType())
                .contentLength(policy.exactSize() ? policy.size() : null);
        if (policy.checksumSha256() != null) {
            put.checksumSHA256(policy.checksumSha256());
        }
        // Signed like content-type and content-length: the client must send it verbatim, so OSS calls back.
        target.ossCallbackUrl().ifPresent(url -> put.overrideConfiguration(o -> o.putHeader(OssUploadCallback.HEADER,
                OssUploadCallback.parameter(url))));
        PresignedPutObjectRequest presigned = target.presigner().presignPutObject(request -> request
                .signatureDuration(Duration.between(policy.issuedAt(), policy.expiresAt()))
                .putObjectRequest(put.build()));
        return new UploadGrant(policy.uploadId(), policy.key(), policy.method(), presigned.url().toString(),
                headersToSend(presigned.signedHeaders()), null, policy.expiresAt(), null, null);
    }

    UploadGrant postForm(UploadPolicy policy, StorageTarget target) {
        List<Object> conditions = new ArrayList<>(policy.postPolicyConditions());
        Map<String, String> formFields = new LinkedHashMap<>(policy.postFormFields());
        target.ossCallbackUrl().ifPresent(url -> {
            String callback = OssUploadCallback.parameter(url);
            conditions.add(Map.of(OssUploadCallback.FORM_FIELD, callback));
            formFields.put(OssUploadCallback.FORM_FIELD, callback);
        });
        PostPolicySigner signer = postPolicySigners.computeIfAbsent(target.name(),
                name -> new PostPolicySigner(target.accessKey(), target.secretKey(), target.region()));
        Map<String, String> fields = signer.sign(conditions, formFields, policy.issuedAt(), policy.expiresAt());
        return new UploadGrant(policy.uploadId(), policy.key(), policy.method(), target.bucketUrl().toString(), null,
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
