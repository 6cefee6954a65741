package io.uplink.credential.storage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

@Configuration(proxyBeanMethods = false)
class StorageClientConfiguration {

    @Bean
    AwsCredentialsProvider storageCredentials(StorageProperties storage) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(storage.accessKey(), storage.secretKey()));
    }

    @Bean(destroyMethod = "close")
    S3Client s3Client(StorageProperties storage, StorageClientProperties tuning, AwsCredentialsProvider credentials) {
        var builder = S3Client.builder()
                .region(Region.of(storage.region()))
                .credentialsProvider(credentials)
                .httpClientBuilder(Apache5HttpClient.builder()
                        .maxConnections(tuning.maxConnections())
                        .connectionTimeout(tuning.connectionTimeout())
                        .socketTimeout(tuning.socketTimeout()))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(tuning.maxAttempts()).build())
                        .apiCallTimeout(tuning.apiCallTimeout())
                        .build())
                .serviceConfiguration(s3Configuration(storage));
        if (storage.endpoint() != null) {
            builder.endpointOverride(storage.endpoint());
        }
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    S3Presigner s3Presigner(StorageProperties storage, AwsCredentialsProvider credentials) {
        var builder = S3Presigner.builder()
                .region(Region.of(storage.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(s3Configuration(storage));
        // Presigned URLs are used by clients, so they carry (and sign) the host clients reach the store at.
        if (storage.clientEndpoint() != null) {
            builder.endpointOverride(storage.clientEndpoint());
        }
        return builder.build();
    }

    private static S3Configuration s3Configuration(StorageProperties storage) {
        // Checksums are only computed when a request requires one: presigned URLs must not carry a checksum the
        // server computed over bytes it never sees.
        return S3Configuration.builder().pathStyleAccessEnabled(storage.pathStyleAccess()).build();
    }
}
