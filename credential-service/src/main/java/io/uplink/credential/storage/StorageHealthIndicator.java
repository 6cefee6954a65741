package io.uplink.credential.storage;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;

/** Ready only while the upload bucket answers HeadBucket with our credentials: credentials for a dead store are useless. */
@Component("s3")
class StorageHealthIndicator extends AbstractHealthIndicator {

    private final S3Client s3;
    private final StorageProperties storage;

    StorageHealthIndicator(S3Client s3, StorageProperties storage) {
        super("S3 HeadBucket failed");
        this.s3 = s3;
        this.storage = storage;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        s3.headBucket(request -> request.bucket(storage.bucket()));
        builder.up().withDetail("bucket", storage.bucket());
    }
}
