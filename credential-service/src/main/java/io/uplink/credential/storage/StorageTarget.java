package io.uplink.credential.storage;

import io.uplink.credential.cdn.CdnDelivery;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.util.Optional;

/**
 * One configured store with its own S3 client and presigner, both built once at start-up. Every credential for
 * a tenant is minted by its target's presigner and keys, so it can only ever be valid on that store.
 */
public final class StorageTarget {

    public static final String DEFAULT = "default";

    private final String name;
    private final StorageTargetProperties config;
    private final S3Client s3;
    private final S3Presigner presigner;
    private final Optional<CdnDelivery> cdn;

    StorageTarget(String name, StorageTargetProperties config, S3Client s3, S3Presigner presigner) {
        this.name = name;
        this.config = config;
        this.s3 = s3;
        this.presigner = presigner;
        this.cdn = CdnDelivery.of(DEFAULT.equals(name) ? "uplink.credential.storage.cdn"
                : "uplink.credential.storage.targets." + name + ".cdn", config.cdn());
    }

    public String name() {
        return name;
    }

    public StorageKind kind() {
        return config.kind();
    }

    public String bucket() {
        return config.bucket();
    }

    public String region() {
        return config.region();
    }

    public S3Client s3() {
        return s3;
    }

    public S3Presigner presigner() {
        return presigner;
    }

    public String accessKey() {
        return config.accessKey();
    }

    public String secretKey() {
        return config.secretKey();
    }

    /** Null for the default target, whose STS is configured under {@code uplink.credential.sts.*}. */
    public StorageTargetProperties.Sts sts() {
        return config.sts();
    }

    /** The CDN downloads of this target's objects go through, if it has one. */
    public Optional<CdnDelivery> cdn() {
        return cdn;
    }

    /** Where OSS should report uploads to this target; only for OSS targets with a configured callback URL. */
    public Optional<URI> ossCallbackUrl() {
        return config.kind() == StorageKind.OSS ? Optional.ofNullable(config.ossCallbackUrl()) : Optional.empty();
    }

    /** {@code endpoint/bucket/key} URLs rather than {@code bucket.endpoint/key}. */
    public boolean pathStyle() {
        return config.pathStyle();
    }

    /** The endpoint credentials handed to clients are signed for; null means AWS S3 itself. */
    public URI clientEndpoint() {
        return config.clientEndpoint();
    }

    /** Where browser form POSTs go: the bucket's own URL. */
    public URI bucketUrl() {
        URI endpoint = clientEndpoint();
        if (endpoint == null) {
            return URI.create("https://" + bucket() + ".s3." + region() + ".amazonaws.com/");
        }
        String base = endpoint.toString().endsWith("/") ? endpoint.toString() : endpoint + "/";
        if (config.pathStyle()) {
            return URI.create(base + bucket());
        }
        return URI.create(endpoint.getScheme() + "://" + bucket() + "." + endpoint.getAuthority() + "/");
    }

    void close() {
        presigner.close();
        s3.close();
    }

    @Override
    public String toString() {
        return "StorageTarget[" + name + ", " + config.kind() + ", bucket " + bucket() + "]";
    }
}
