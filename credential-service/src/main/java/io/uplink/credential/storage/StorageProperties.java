package io.uplink.credential.storage;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.net.URI;

/**
 * The S3-compatible store uploads go to ({@code UPLINK_S3_*}). An empty endpoint means AWS S3 itself.
 *
 * @param pathStyleAccess true for S3Proxy/MinIO-style {@code endpoint/bucket/key} URLs
 */
@Validated
@ConfigurationProperties("uplink.storage")
public record StorageProperties(
        URI endpoint,
        @NotBlank String region,
        @NotBlank String accessKey,
        @NotBlank String secretKey,
        @NotBlank String bucket,
        boolean pathStyleAccess) {

    /** Where browser form POSTs go: the bucket's own URL. */
    public URI bucketUrl() {
        if (endpoint == null || endpoint.toString().isBlank()) {
            return URI.create("https://" + bucket + ".s3." + region + ".amazonaws.com/");
        }
        String base = endpoint.toString().endsWith("/") ? endpoint.toString() : endpoint + "/";
        if (pathStyleAccess) {
            return URI.create(base + bucket);
        }
        return URI.create(endpoint.getScheme() + "://" + bucket + "." + endpoint.getAuthority() + "/");
    }
}
