package io.uplink.credential.storage;

import io.uplink.credential.cdn.CdnProperties;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.util.Map;

/**
 * The storage target named {@code default} ({@code uplink.credential.storage.*}, env {@code UPLINK_S3_*}) and any further
 * named targets ({@code uplink.credential.storage.targets.<name>.*}). An empty endpoint means AWS S3 itself.
 *
 * @param pathStyleAccess true for S3Proxy/MinIO-style {@code endpoint/bucket/key} URLs
 * @param publicEndpoint  the store as clients reach it, when that differs from how the service reaches it
 *                        (docker-compose: the service calls {@code http://minio:9000}, browsers
 *                        {@code http://localhost:9000}). SigV4 signs the host, so every URL and form handed to a
 *                        client is signed for this endpoint; empty = {@code endpoint}.
 * @param targets         further named targets; the name {@code default} is taken by the top level
 * @param cdn             the default target's CDN ({@code uplink.credential.storage.cdn.*}); empty = none
 */
@Validated
@ConfigurationProperties("uplink.credential.storage")
public record StorageProperties(
        URI endpoint,
        @NotBlank String region,
        @NotBlank String accessKey,
        @NotBlank String secretKey,
        @NotBlank String bucket,
        boolean pathStyleAccess,
        URI publicEndpoint,
        @DefaultValue("generic") StorageKind kind,
        URI ossCallbackUrl,
        Map<String, StorageTargetProperties> targets,
        CdnProperties cdn) {

    public StorageProperties {
        targets = targets == null ? Map.of() : Map.copyOf(targets);
    }

    /** The top level as the target named {@code default} (its STS stays under {@code uplink.credential.sts.*}). */
    StorageTargetProperties defaultTarget() {
        return new StorageTargetProperties(endpoint, region, accessKey, secretKey, bucket, pathStyleAccess,
                publicEndpoint, kind, ossCallbackUrl, null, null, cdn);
    }
}
