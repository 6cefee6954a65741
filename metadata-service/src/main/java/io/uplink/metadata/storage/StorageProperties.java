package io.uplink.metadata.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.util.Map;

/**
 * The S3-compatible stores files are in: the top level is the store named {@code default} (names shared by every
 * service, see docs/internal-contracts.md), {@code targets.<name>.*} the further stores, named as in
 * credential-service's {@code uplink.credential.storage.targets}. Each file's row names its store.
 */
@ConfigurationProperties("uplink.metadata.storage")
public record StorageProperties(
        URI endpoint,
        @DefaultValue("us-east-1") String region,
        String accessKey,
        String secretKey,
        @DefaultValue("uplink-uploads") String bucket,
        @DefaultValue("true") boolean pathStyleAccess,
        Map<String, Store> targets) {

    public static final String DEFAULT_TARGET = "default";

    public StorageProperties {
        targets = targets == null ? Map.of() : Map.copyOf(targets);
    }

    /** One store: an empty endpoint means AWS S3 itself, empty keys the default AWS credentials chain. */
    public record Store(URI endpoint,
                        @DefaultValue("us-east-1") String region,
                        String accessKey,
                        String secretKey,
                        String bucket,
                        @DefaultValue("true") boolean pathStyleAccess) {
    }

    /** The top level as the store named {@code default}. */
    Store defaultStore() {
        return new Store(endpoint, region, accessKey, secretKey, bucket, pathStyleAccess);
    }
}
