package io.uplink.metadata.storage;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deletes and moves the objects of one store ({@link ObjectStores} holds every store by name); S3's delete is
 * idempotent, so a retried API delete is harmless.
 */
public class ObjectStorage implements AutoCloseable {

    /** S3's limit for a single CopyObject; larger objects are copied in parts. */
    static final long MAX_SINGLE_COPY = 5L * 1024 * 1024 * 1024;
    private static final long COPY_PART_SIZE = 512L * 1024 * 1024;
    /**
     * User metadata a copy in another store carries (the id of the file it copies): that store's notification of it
     * is no new file.
     */
    public static final String REPLICA_OF = "uplink-replica-of";
    /** Parts of a copy between stores, each held in memory while it is sent. */
    static final long STREAMED_PART_SIZE = 16L * 1024 * 1024;

    private final S3Client s3;
    private final long maxSingleCopy;
    private final long copyPartSize;

    ObjectStorage(StorageProperties.Store properties) {
        this(properties, MAX_SINGLE_COPY, COPY_PART_SIZE);
    }

    /** With smaller copy limits, so that tests can copy in parts without gigabytes. */
    ObjectStorage(StorageProperties.Store properties, long maxSingleCopy, long copyPartSize) {
        this.maxSingleCopy = maxSingleCopy;
        this.copyPartSize = copyPartSize;
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

    /**
     * The object version's bytes; the caller closes the stream.
     *
     * @throws NoSuchKeyException when the version is no longer there
     */
    public InputStream read(String bucket, String key, String versionId) {
        return s3.getObject(request -> request.bucket(bucket).key(key).versionId(versionId));
    }

    /**
     * Deletes every object under {@code prefix} (the current versions; on a versioned bucket older versions stay
     * until its lifecycle rules expire them), a thousand per DeleteObjects call.
     *
     * @return how many objects were deleted
     */
    public int deletePrefix(String bucket, String prefix) {
        int deleted = 0;
        try {
            for (var page : s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix))) {
                List<ObjectIdentifier> keys = page.contents().stream()
                        .map(object -> ObjectIdentifier.builder().key(object.key()).build()).toList();
                if (!keys.isEmpty()) {
                    s3.deleteObjects(request -> request.bucket(bucket)
                            .delete(batch -> batch.objects(keys).quiet(true)));
                    deleted += keys.size();
                }
            }
        } catch (NoSuchBucketException e) {
            return deleted; // nothing of anyone's there
        }
        return deleted;
    }

    /**
     * Writes {@code size} bytes from {@code content} as {@code key}: one PutObject up to {@link #COPY_PART_SIZE}'s
     * share, above it a multipart upload of parts read one at a time (a copy from another store, which no server-side
     * copy can reach).
     */
    public void write(String bucket, String key, InputStream content, long size, String contentType,
                      Map<String, String> metadata) throws IOException {
        String type = contentType == null ? "application/octet-stream" : contentType;
        if (size <= STREAMED_PART_SIZE) {
            s3.putObject(request -> request.bucket(bucket).key(key).contentType(type).contentLength(size)
                    .metadata(metadata), RequestBody.fromInputStream(content, size));
            return;
        }
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(key).contentType(type)
                        .metadata(metadata)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            byte[] buffer = new byte[(int) STREAMED_PART_SIZE];
            for (long written = 0; written < size; ) {
                int read = content.readNBytes(buffer, 0, (int) Math.min(buffer.length, size - written));
                if (read == 0) {
                    throw new IOException("the source ended after " + written + " of " + size + " bytes");
                }
                int partNumber = parts.size() + 1;
                byte[] part = read == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, read);
                String etag = s3.uploadPart(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                        .partNumber(partNumber), RequestBody.fromBytes(part)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
                written += read;
            }
            s3.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
        } catch (IOException | RuntimeException e) {
            s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
            throw e;
        }
    }

    /**
     * Aborts every multipart upload in progress under {@code prefix}, so that its parts stop taking space.
     *
     * @return how many uploads were aborted
     */
    public int abortUploads(String bucket, String prefix) {
        int aborted = 0;
        try {
            for (var page : s3.listMultipartUploadsPaginator(request -> request.bucket(bucket).prefix(prefix))) {
                for (var upload : page.uploads()) {
                    s3.abortMultipartUpload(request -> request.bucket(bucket).key(upload.key())
                            .uploadId(upload.uploadId()));
                    aborted++;
                }
            }
        } catch (NoSuchBucketException e) {
            return aborted;
        }
        return aborted;
    }

    public void delete(String bucket, String key, String versionId) {
        DeleteObjectRequest.Builder request = DeleteObjectRequest.builder().bucket(bucket).key(key);
        if (versionId != null) {
            request.versionId(versionId);
        }
        s3.deleteObject(request.build());
    }

    /**
     * Copies the object version of {@code size} bytes to {@code targetKey} in the same bucket, then deletes the
     * version (on a versioned bucket: for good, so no older-version read reaches it). A repeat after a partial move
     * copies again and deletes. Beyond S3's single-copy limit the copy goes in parts (UploadPartCopy).
     *
     * @return false when the version was no longer there (nothing to move)
     */
    public boolean move(String bucket, String key, String versionId, long size, String targetKey) {
        try {
            if (size <= maxSingleCopy) {
                s3.copyObject(CopyObjectRequest.builder().sourceBucket(bucket).sourceKey(key).sourceVersionId(versionId)
                        .destinationBucket(bucket).destinationKey(targetKey).build());
            } else {
                copyInParts(bucket, key, versionId, size, targetKey);
            }
        } catch (NoSuchKeyException e) {
            return false;
        }
        delete(bucket, key, versionId);
        return true;
    }

    private void copyInParts(String bucket, String key, String versionId, long size, String targetKey) {
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(targetKey)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long first = 0; first < size; first += copyPartSize) {
                int partNumber = parts.size() + 1;
                String range = "bytes=" + first + "-" + (Math.min(first + copyPartSize, size) - 1);
                String etag = s3.uploadPartCopy(request -> request.sourceBucket(bucket).sourceKey(key)
                                .sourceVersionId(versionId).copySourceRange(range).destinationBucket(bucket)
                                .destinationKey(targetKey).uploadId(uploadId).partNumber(partNumber))
                        .copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            s3.completeMultipartUpload(request -> request.bucket(bucket).key(targetKey).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
        } catch (RuntimeException e) {
            s3.abortMultipartUpload(request -> request.bucket(bucket).key(targetKey).uploadId(uploadId));
            throw e;
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
