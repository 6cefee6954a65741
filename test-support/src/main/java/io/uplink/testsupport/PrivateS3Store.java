package io.uplink.testsupport;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

import java.net.URI;

/**
 * A second real S3Proxy (in memory) with its own access and secret key, so that it refuses signatures made with
 * the shared store's keys ({@link EmbeddedS3Server} always uses the shared keys): a second store for tests of
 * several storage targets.
 */
public final class PrivateS3Store implements AutoCloseable {

    private final S3Proxy proxy;
    private final BlobStore blobStore;
    private final S3Endpoint endpoint;

    private PrivateS3Store(S3Proxy proxy, BlobStore blobStore, S3Endpoint endpoint) {
        this.proxy = proxy;
        this.blobStore = blobStore;
        this.endpoint = endpoint;
    }

    public static PrivateS3Store start(String bucket, String accessKey, String secretKey) {
        BlobStore blobStore = new TransientNio2BlobStore();
        S3Proxy proxy = S3Proxy.builder().blobStore(blobStore).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey).build();
        EmbeddedS3Server.startAndAwait(proxy);
        blobStore.createContainer(bucket);
        return new PrivateS3Store(proxy, blobStore, new S3Endpoint(URI.create("http://127.0.0.1:" + proxy.getPort()),
                "us-east-1", accessKey, secretKey, bucket));
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
        }
    }
}
