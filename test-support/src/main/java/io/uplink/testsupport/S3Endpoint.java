package io.uplink.testsupport;

import java.net.URI;

/** How to reach a running S3-compatible server, and the bucket that was created on it. */
public record S3Endpoint(URI endpoint, String region, String accessKey, String secretKey, String bucket) {
}
