package io.uplink.credential.upload;

import io.uplink.testsupport.S3Endpoint;
import io.uplink.testsupport.SharedInfrastructure;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The operator's view of the bucket, to check what really landed. */
public final class StorageClient {

    private StorageClient() {
    }

    public static S3Client admin() {
        S3Endpoint s3 = SharedInfrastructure.s3();
        return S3Client.builder().endpointOverride(s3.endpoint()).region(Region.of(s3.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .build();
    }
}
