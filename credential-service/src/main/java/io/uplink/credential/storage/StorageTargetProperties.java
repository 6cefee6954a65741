package io.uplink.credential.storage;

import io.uplink.credential.cdn.CdnProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * One named S3-compatible store ({@code uplink.credential.storage.targets.<name>.*}). Tenants name their target in their
 * settings ({@code storageTarget}); the top-level {@code uplink.credential.storage.*} is the target named {@code default}.
 *
 * @param endpoint        empty = AWS S3 itself
 * @param pathStyleAccess empty = the kind's usual style (path-style for MinIO/generic, virtual-host otherwise)
 * @param publicEndpoint  the store as clients reach it, when that differs from {@code endpoint}
 * @param ossCallbackUrl  for {@code kind: oss}: our public {@code /api/v1/oss/callback}, carried in credentials as
 *                        {@code x-oss-callback} so OSS reports each upload; empty = no callback
 * @param sts             where this target's temporary credentials come from; empty endpoint = no STS (501)
 * @param client          S3 client tuning for this target; empty fields take {@code uplink.credential.storage.client.*}
 * @param cdn             the CDN downloads of this target's objects go through; empty = none (presigned store URLs)
 */
public record StorageTargetProperties(URI endpoint,
                                      @DefaultValue("us-east-1") String region,
                                      String accessKey,
                                      String secretKey,
                                      String bucket,
                                      Boolean pathStyleAccess,
                                      URI publicEndpoint,
                                      @DefaultValue("generic") StorageKind kind,
                                      URI ossCallbackUrl,
                                      Sts sts,
                                      Client client,
                                      CdnProperties cdn) {

    public StorageTargetProperties {
        endpoint = blankToNull(endpoint);
        publicEndpoint = blankToNull(publicEndpoint);
        ossCallbackUrl = blankToNull(ossCallbackUrl);
        kind = kind == null ? StorageKind.GENERIC : kind;
        cdn = cdn == null ? CdnProperties.NONE : cdn;
        if (sts != null && blankToNull(sts.endpoint()) == null) {
            sts = null;
        }
    }

    /** The endpoint credentials handed to clients are signed for; null means AWS S3 itself. */
    URI clientEndpoint() {
        return publicEndpoint != null ? publicEndpoint : endpoint;
    }

    boolean pathStyle() {
        return pathStyleAccess == null ? kind.pathStyleByDefault() : pathStyleAccess;
    }

    /**
     * AssumeRole settings: AWS STS, MinIO STS, or any store speaking the STS Query API.
     *
     * @param accessKey caller credentials for AssumeRole; empty = the target's own keys
     */
    public record Sts(URI endpoint, String region, String roleArn, String accessKey, String secretKey) {
    }

    /** Per-target overrides of {@link StorageClientProperties}; every field optional. */
    public record Client(Integer maxConnections, Duration connectionTimeout, Duration socketTimeout,
                         Duration apiCallTimeout, Integer maxAttempts, Duration backoffBaseDelay,
                         Duration backoffMaxDelay) {
    }

    static URI blankToNull(URI uri) {
        return uri == null || uri.toString().isBlank() ? null : uri;
    }
}
