package io.uplink.testsupport;

import io.uplink.testsupport.notification.KafkaNotificationTarget;
import io.uplink.testsupport.notification.NotifyingBlobStore;
import io.uplink.testsupport.notification.StorageNotificationPublisher;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * S3Proxy: a real S3-compatible server that checks SigV4 (headers and presigned URLs, expiry, signed headers)
 * and POST-policy conditions. Backed by a folder (objects survive a restart) or by memory. On request it publishes
 * MinIO-format bucket notifications to Kafka ({@link NotifyingBlobStore}). It has no STS and no versioning.
 */
public final class EmbeddedS3Server implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "uplink-local-access";
    public static final String SECRET_KEY = "uplink-local-secret-key-0123456789";

    private final S3Proxy proxy;
    private final BlobStore blobStore;
    private final S3Endpoint endpoint;
    private final StorageNotificationPublisher notifications;

    private EmbeddedS3Server(S3Proxy proxy, BlobStore blobStore, String bucket,
                             StorageNotificationPublisher notifications) {
        this.proxy = proxy;
        this.blobStore = blobStore;
        this.notifications = notifications;
        this.endpoint = new S3Endpoint(URI.create("http://127.0.0.1:" + proxy.getPort()), REGION, ACCESS_KEY,
                SECRET_KEY, bucket);
    }

    /**
     * @param port 0 for any free port
     * @param baseDirectory null to keep objects in memory
     * @param bucket created when missing
     */
    public static EmbeddedS3Server start(int port, Path baseDirectory, String bucket) {
        return start(port, baseDirectory, bucket, null);
    }

    /**
     * @param port 0 for any free port
     * @param baseDirectory null to keep objects in memory
     * @param bucket created when missing
     * @param notifications where to publish bucket notifications; null for none
     */
    public static EmbeddedS3Server start(int port, Path baseDirectory, String bucket,
                                         KafkaNotificationTarget notifications) {
        BlobStore stored = baseDirectory == null ? new TransientNio2BlobStore() : filesystem(baseDirectory);
        StorageNotificationPublisher publisher =
                notifications == null ? null : new StorageNotificationPublisher(notifications);
        BlobStore blobStore = publisher == null ? stored : new NotifyingBlobStore(stored, publisher, notifications);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // Browser uploads (Uppy) need CORS, and multipart needs the ETag header exposed.
                .corsRules(new CrossOriginResourceSharing(List.of("*"),
                        List.of("GET", "HEAD", "PUT", "POST", "DELETE"), List.of("*"), List.of("ETag"), "false"))
                .build();
        try {
            startAndAwait(proxy);
        } catch (RuntimeException e) {
            if (publisher != null) {
                publisher.close();
            }
            throw e;
        }
        if (!blobStore.containerExists(bucket)) {
            blobStore.createContainer(bucket);
        }
        return new EmbeddedS3Server(proxy, blobStore, bucket, publisher);
    }

    private static BlobStore filesystem(Path baseDirectory) {
        try {
            Files.createDirectories(baseDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FilesystemNio2BlobStore(baseDirectory.toAbsolutePath().toString());
    }

    /** Starts the proxy and waits (at most 30 s) until it serves. */
    static void startAndAwait(S3Proxy proxy) {
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start S3Proxy", e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!"STARTED".equals(proxy.getState())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("S3Proxy did not start, state " + proxy.getState());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public S3Endpoint endpoint() {
        return endpoint;
    }

    public void createBucket(String name) {
        if (!blobStore.containerExists(name)) {
            blobStore.createContainer(name);
        }
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop S3Proxy", e);
        } finally {
            if (notifications != null) {
                notifications.close();
            }
        }
    }
}
