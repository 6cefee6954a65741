package io.uplink.credential.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Tuning of the S3 client used for HeadBucket/HeadObject/multipart calls (presigning makes no network calls).
 *
 * @param maxAttempts total attempts per call; retries use the SDK's standard strategy (exponential backoff with
 *     jitter, throttling-aware)
 */
@ConfigurationProperties("uplink.storage.client")
public record StorageClientProperties(@DefaultValue("64") int maxConnections,
                                      @DefaultValue("2s") Duration connectionTimeout,
                                      @DefaultValue("10s") Duration socketTimeout,
                                      @DefaultValue("20s") Duration apiCallTimeout,
                                      @DefaultValue("3") int maxAttempts) {
}
