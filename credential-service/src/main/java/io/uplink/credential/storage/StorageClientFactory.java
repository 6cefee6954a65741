package io.uplink.credential.storage;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Builds one target's S3 client (own connection pool, timeouts, retries) and presigner. */
class StorageClientFactory {

    StorageTarget build(String name, StorageTargetProperties config, StorageClientProperties globalTuning) {
        StorageClientProperties tuning = globalTuning.overriddenBy(config.client());
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(config.accessKey(), config.secretKey()));
        // Checksums are only computed when a request requires one: presigned URLs must not carry a checksum the
        // server computed over bytes it never sees.
        S3Configuration s3Configuration = S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build();
        var client = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .httpClientBuilder(Apache5HttpClient.builder()
                        .maxConnections(tuning.maxConnections())
                        .connectionTimeout(tuning.connectionTimeout())
                        .socketTimeout(tuning.socketTimeout()))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(retryStrategy(tuning))
                        .apiCallTimeout(tuning.apiCallTimeout())
                        .build())
                .serviceConfiguration(s3Configuration);
        if (config.endpoint() != null) {
            client.endpointOverride(config.endpoint());
        }
        var presigner = S3Presigner.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(s3Configuration);
        // Presigned URLs are used by clients, so they carry (and sign) the host clients reach the store at.
        if (config.clientEndpoint() != null) {
            presigner.endpointOverride(config.clientEndpoint());
        }
        return new StorageTarget(name, config, client.build(), presigner.build());
    }

    /**
     * The SDK's standard strategy (retries throttling, 5xx and I/O errors; throttling backs off longer) with
     * exponential backoff and full jitter: attempt n waits a random time below min(max, base * 2^(n-2)).
     */
    static RetryStrategy retryStrategy(StorageClientProperties tuning) {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(tuning.maxAttempts())
                .backoffStrategy(BackoffStrategy.exponentialDelay(tuning.backoffBaseDelay(), tuning.backoffMaxDelay()))
                .build();
    }
}
