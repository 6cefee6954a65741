package io.uplink.credential.contentcheck;

import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.Optional;

/** Checks a stored object's first bytes (one ranged GET) against its declared content type. */
@Component
public class StoredContentCheck {

    private final boolean enabled;

    StoredContentCheck(ContentCheckProperties properties) {
        this.enabled = properties.enabled();
    }

    /**
     * @param versionId the version to read, null on an unversioned bucket
     * @return why the object's bytes are not {@code declared}; empty when they may be, when the object is empty, or
     *         when checks are off
     */
    public Optional<String> refusal(S3Client s3, String bucket, String key, String versionId, long size,
                                    String declared) {
        if (!enabled || size <= 0 || declared == null) {
            return Optional.empty();
        }
        long last = Math.min(size, DeclaredContentCheck.bytesNeeded()) - 1;
        byte[] head = s3.getObjectAsBytes(request -> request.bucket(bucket).key(key).versionId(versionId)
                .range("bytes=0-" + last)).asByteArray();
        return DeclaredContentCheck.refusal(declared, head);
    }
}
