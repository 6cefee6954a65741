package io.uplink.credential.storage;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.net.URI;

/**
 * The S3-compatible store uploads go to ({@code UPLINK_S3_*}). An empty endpoint means AWS S3 itself.
 *
 * @param pathStyleAccess true for S3Proxy/MinIO-style {@code endpoint/bucket/key} URLs
 * @param publicEndpoint  the store as clients reach it, when that differs from how the service reaches it
 *                        (docker-compose: the service calls {@code http://minio:9000}, browsers
 *                        {@code http://localhost:9000}). SigV4 signs the host, so every URL and form handed to a
 *                        client is signed for this endpoint; empty = {@code endpoint}.
 */
@Validated
@ConfigurationProperties("uplink.storage")
public record StorageProperties(
        URI endpoint,
        @NotBlank String region,
        @NotBlank String accessKey,
        @NotBlank String secretKey,
        @NotBlank String bucket,
        boolean pathStyleAccess,
        URI publicEndpoint) {

    /** The endpoint credentials handed to clients are signed for; null means AWS S3 itself. */
    public URI clientEndpoint() {
        if (publicEndpoint != null && !publicEndpoint.toString().isBlank()) {
            return publicEndpoint;
        }
        return endpoint == null || endpoint.toString().isBlank() ? null : endpoint;
    }

    /** Where browser form POSTs go: the bucket's own URL. */
    public URI bucketUrl() {
        URI endpoint = clientEndpoint();
        if (endpoint == null) {
            return URI.create("https://" + bucket + ".s3." + region + ".amazonaws.com/");
        }
        String base = endpoint.toString().endsWith("/") ? endpoint.toString() : endpoint + "/";
        if (pathStyleAccess) {
            return URI.create(base + bucket);
        }
        return URI.create(endpoint.getScheme() + "://" + bucket + "." + endpoint.getAuthority() + "/");
    }
}
