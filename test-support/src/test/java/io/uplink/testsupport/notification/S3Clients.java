package io.uplink.testsupport.notification;

import io.uplink.testsupport.EmbeddedS3Server;
import io.uplink.testsupport.S3Endpoint;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** An AWS SDK client for an embedded S3 server (path-style, its credentials). */
final class S3Clients {

    private S3Clients() {
    }

    static S3Client of(EmbeddedS3Server server) {
        S3Endpoint endpoint = server.endpoint();
        return S3Client.builder()
                .endpointOverride(endpoint.endpoint())
                .region(Region.of(endpoint.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(endpoint.accessKey(), endpoint.secretKey())))
                .forcePathStyle(true)
                .build();
    }
}
