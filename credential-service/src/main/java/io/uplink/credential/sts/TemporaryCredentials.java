package io.uplink.credential.sts;

import java.time.Instant;

/** Answer of {@code POST /api/v1/sts/credentials}: S3 credentials that can only upload under {@code prefix}. */
public record TemporaryCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
                                   String bucket, String region, String endpoint, String prefix) {
}
