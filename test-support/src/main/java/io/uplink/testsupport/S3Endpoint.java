package io.uplink.testsupport;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;

/** How to reach a running S3-compatible server, and the bucket that was created on it. */
public record S3Endpoint(URI endpoint, String region, String accessKey, String secretKey, String bucket) {

    /** A path-style client with the server's own keys, for a test to put, read and check objects; the caller closes it. */
    public S3Client client() {
        return S3Client.builder().endpointOverride(endpoint).region(Region.of(region)).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
    }
}
