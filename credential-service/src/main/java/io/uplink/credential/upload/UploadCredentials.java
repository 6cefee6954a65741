package io.uplink.credential.upload;

import io.uplink.credential.policy.ContentTypes;
import io.uplink.credential.policy.UploadPolicy;
import io.uplink.credential.signing.PostPolicySigner;
import io.uplink.credential.signing.PresignedPutSigner;
import io.uplink.credential.storage.StorageTarget;
import org.springframework.stereotype.Component;

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
    private final Map<String, PresignedPutSigner> putSigners = new ConcurrentHashMap<>();

    UploadGrant presignedPut(UploadPolicy policy, StorageTarget target) {
        Map<String, String> extraHeaders = new LinkedHashMap<>();
        // Signed like content-type and content-length: the client must send it verbatim, so OSS calls back.
        target.ossCallbackUrl().ifPresent(url -> extraHeaders.put(OssUploadCallback.HEADER,
                OssUploadCallback.parameter(url)));
        PresignedPutSigner signer = putSigners.computeIfAbsent(target.name(), name -> new PresignedPutSigner(
                target.accessKey(), target.secretKey(), target.region(), target.clientEndpoint(), target.bucket(),
                target.pathStyle()));
        PresignedPutSigner.Signed signed = signer.presign(policy.key(),
                ContentTypes.isAny(policy.contentType()) ? null : policy.contentType(),
                policy.exactSize() ? policy.size() : null, policy.checksumSha256(), extraHeaders,
                Duration.between(policy.issuedAt(), policy.expiresAt()));
        return new UploadGrant(policy.uploadId(), policy.key(), policy.method(), signed.url(), signed.headers(), null,
                policy.expiresAt(), null, null);
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
}
