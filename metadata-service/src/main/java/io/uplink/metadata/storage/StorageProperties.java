package io.uplink.metadata.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;

/** The S3-compatible storage (names shared by every service, see docs/internal-contracts.md). */
@ConfigurationProperties("uplink.metadata.storage")
public record StorageProperties(
        URI endpoint,
        @DefaultValue("us-east-1") String region,
        String accessKey,
        String secretKey,
        @DefaultValue("uplink-uploads") String bucket,
        @DefaultValue("true") boolean pathStyleAccess) {
}
