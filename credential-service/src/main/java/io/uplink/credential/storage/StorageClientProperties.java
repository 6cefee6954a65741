package io.uplink.credential.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Tuning of the S3 clients used for HeadBucket/HeadObject/multipart calls (presigning makes no network calls),
 * for every target unless the target overrides a field ({@code uplink.credential.storage.targets.<name>.client.*}).
 *
 * @param maxAttempts      total attempts per call; retries use the SDK's standard strategy (throttling-aware)
 * @param backoffBaseDelay first retry waits a random time below this, doubling per attempt ("full jitter")
 * @param backoffMaxDelay  cap of the exponential backoff
 */
@ConfigurationProperties("uplink.credential.storage.client")
public record StorageClientProperties(@DefaultValue("64") int maxConnections,
                                      @DefaultValue("2s") Duration connectionTimeout,
                                      @DefaultValue("10s") Duration socketTimeout,
                                      @DefaultValue("20s") Duration apiCallTimeout,
                                      @DefaultValue("3") int maxAttempts,
                                      @DefaultValue("100ms") Duration backoffBaseDelay,
                                      @DefaultValue("20s") Duration backoffMaxDelay) {

    /** These settings with the target's own overrides applied. */
    StorageClientProperties overriddenBy(StorageTargetProperties.Client target) {
        if (target == null) {
            return this;
        }
        return new StorageClientProperties(
                target.maxConnections() != null ? target.maxConnections() : maxConnections,
                target.connectionTimeout() != null ? target.connectionTimeout() : connectionTimeout,
                target.socketTimeout() != null ? target.socketTimeout() : socketTimeout,
                target.apiCallTimeout() != null ? target.apiCallTimeout() : apiCallTimeout,
                target.maxAttempts() != null ? target.maxAttempts() : maxAttempts,
                target.backoffBaseDelay() != null ? target.backoffBaseDelay() : backoffBaseDelay,
                target.backoffMaxDelay() != null ? target.backoffMaxDelay() : backoffMaxDelay);
    }
}
