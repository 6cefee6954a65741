package io.uplink.testsupport.notification;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.io.InputStream;

/**
 * The blob store S3Proxy serves, announcing what changed as MinIO's bucket notifications do: after a successful
 * PUT or POST-form upload ({@code s3:ObjectCreated:Put}; S3Proxy stores both through the same call, so a form upload
 * is not told apart), copy, CompleteMultipartUpload, and delete of an object that existed
 * ({@code s3:ObjectRemoved:Delete}, also for each key of a multi-object delete). S3Proxy's internal multipart
 * bookkeeping objects are not announced. A notification that cannot be described or handed over is logged; the S3
 * request succeeds regardless.
 */
public final class NotifyingBlobStore extends ForwardingBlobStore {

    private static final Logger log = LoggerFactory.getLogger(NotifyingBlobStore.class);
    /** S3Proxy keeps multipart-upload metadata in objects with this prefix on some stores. */
    private static final String MULTIPART_STUB_PREFIX = ".s3proxy-mpu-stub-";

    private final StorageNotificationPublisher publisher;
    private final KafkaNotificationTarget target;
    private final SequencerClock clock = new SequencerClock();

    public NotifyingBlobStore(BlobStore delegate, StorageNotificationPublisher publisher,
                              KafkaNotificationTarget target) {
        super(delegate);
        this.publisher = publisher;
        this.target = target;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
        PutObjectResponse response = super.putBlob(request, input);
        created(MinioNotification.PUT, request.bucket(), request.key());
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        created(MinioNotification.COPY, request.destinationBucket(), request.destinationKey());
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
                                                                   CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        created(MinioNotification.COMPLETE_MULTIPART_UPLOAD, upload.containerName(), upload.blobName());
        return response;
    }

    /** Every delete S3Proxy makes comes here, those of a multi-object delete too. */
    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        // Only deletes of objects that were there: recent MinIO announces the others as s3:ObjectRemoved:NoOP,
        // which would leave a deleted row behind in metadata-service for an object that never existed.
        boolean existed = announced(request.key()) && exists(request.bucket(), request.key());
        DeleteObjectResponse response = super.removeBlob(request);
        if (existed) {
            SequencerClock.Tick tick = clock.next();
            publisher.publish(MinioNotification.removed(request.bucket(), request.key(), tick.sequencer(),
                    tick.time()));
        }
        return response;
    }

    private void created(String eventName, String bucket, String key) {
        if (!announced(key)) {
            return;
        }
        try {
            SequencerClock.Tick tick = clock.next();
            HeadObjectResponse object = delegate().blobMetadataIfPresent(bucket, key);
            if (object == null) {
                return; // deleted again in the meantime; that delete is announced on its own
            }
            long size = object.contentLength() == null ? 0 : object.contentLength();
            publisher.publish(MinioNotification.created(eventName, bucket, key, size, object.eTag(),
                    object.contentType(), object.metadata(), tick.sequencer(), tick.time()));
        } catch (RuntimeException e) {
            log.warn("storage notification {} for {}/{} not published: {}", eventName, bucket, key, e.toString());
        }
    }

    private boolean exists(String bucket, String key) {
        try {
            return delegate().blobMetadataIfPresent(bucket, key) != null;
        } catch (RuntimeException e) {
            log.warn("could not tell whether {}/{} exists before deleting it: {}", bucket, key, e.toString());
            return false;
        }
    }

    private boolean announced(String key) {
        return key != null && !key.startsWith(MULTIPART_STUB_PREFIX) && target.announces(key);
    }
}
