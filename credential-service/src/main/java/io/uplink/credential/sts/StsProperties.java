package io.uplink.credential.sts;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;

/**
 * Where temporary credentials come from. Without an endpoint the storage target has no STS and
 * {@code POST /api/v1/sts/credentials} answers 409.
 *
 * @param endpoint AWS STS ({@code https://sts.<region>.amazonaws.com}), MinIO ({@code https://minio:9000}) or
 *     Alibaba RAM STS ({@code https://sts.aliyuncs.com}) — all speak the AssumeRole Query API
 * @param roleArn the role assumed; its own policy must allow at least what the session policy allows
 * @param accessKey caller credentials for AssumeRole; empty = the storage credentials
 */
@ConfigurationProperties("uplink.credential.sts")
public record StsProperties(URI endpoint, String region, String roleArn, String accessKey, String secretKey) {

    boolean isConfigured() {
        return endpoint != null && !endpoint.toString().isBlank();
    }
}
