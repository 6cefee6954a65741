package io.uplink.metadata.storage;

import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Deletes and moves stored objects; S3's delete is idempotent, so a retried API delete is harmless. */
@Component
public class ObjectStorage implements AutoCloseable {

    private final S3Client s3;

    public ObjectStorage(StorageProperties properties) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(properties.region()))
                .forcePathStyle(properties.pathStyleAccess());
        if (properties.endpoint() != null && !properties.endpoint().toString().isBlank()) {
            builder.endpointOverride(properties.endpoint());
        }
        if (properties.accessKey() != null && !properties.accessKey().isBlank()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(properties.accessKey(), properties.secretKey())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        this.s3 = builder.build();
    }

    public void delete(String bucket, String key, String versionId) {
        DeleteObjectRequest.Builder request = DeleteObjectRequest.builder().bucket(bucket).key(key);
        if (versionId != null) {
            request.versionId(versionId);
        }
        s3.deleteObject(request.build());
    }

    /**
     * Copies the object version to {@code targetKey} in the same bucket, then deletes the version (on a versioned
     * bucket: for good, so no older-version read reaches it). A repeat after a partial move copies again and deletes.
     * Single-request copy: objects above S3's 5 GB copy limit fail here and stay where they are.
     *
     * @return false when the version was no longer there (nothing to move)
     */
    public boolean move(String bucket, String key, String versionId, String targetKey) {
        CopyObjectRequest.Builder copy = CopyObjectRequest.builder()
                .sourceBucket(bucket).sourceKey(key).destinationBucket(bucket).destinationKey(targetKey);
        if (versionId != null) {
            copy.sourceVersionId(versionId);
        }
        try {
            s3.copyObject(copy.build());
        } catch (NoSuchKeyException e) {
            return false;
        }
        delete(bucket, key, versionId);
        return true;
    }

    @Override
    public void close() {
        s3.close();
    }
}
