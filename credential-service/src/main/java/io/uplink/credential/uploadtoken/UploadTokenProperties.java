package io.uplink.credential.uploadtoken;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param defaultTtl how long a token lives when the request names no {@code ttlSeconds}
 * @param maxTtl the longest a token may live
 * @param revocationRefresh how often each instance reloads the revoked tokens: the bound on a revocation's delay
 */
@ConfigurationProperties("uplink.credential.upload-tokens")
public record UploadTokenProperties(@DefaultValue("15m") Duration defaultTtl,
                                    @DefaultValue("24h") Duration maxTtl,
                                    @DefaultValue("2s") Duration revocationRefresh) {
}
