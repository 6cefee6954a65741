package io.uplink.credential.signing;

import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The reference {@link PresignedPutSigner} must match: the same PUT request built as an {@code SdkHttpFullRequest}
 * and signed by the SDK's own {@link AwsV4HttpSigner} (query-string auth, unsigned payload, the SDK's clock
 * replaced by a fixed one so both sign the same instant). This was the service's signer until the SigV4 steps
 * were written out for this one request shape.
 */
final class SdkPresignedPut {

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private SdkPresignedPut() {
    }

    static PresignedPutSigner.Signed presign(String accessKey, String secretKey, String region, URI clientEndpoint,
                                             String bucket, boolean pathStyleAccess, Clock clock, String key,
                                             String contentType, Long contentLength, String checksum,
                                             Map<String, String> extraHeaders, Duration validity) {
        URI endpoint = clientEndpoint == null ? URI.create("https://s3." + region + ".amazonaws.com") : clientEndpoint;
        String basePath = endpoint.getRawPath() == null ? "" : endpoint.getRawPath().replaceAll("/+$", "");
        String host;
        String pathPrefix;
        if (pathStyleAccess && clientEndpoint != null) {
            host = endpoint.getHost();
            pathPrefix = basePath + "/" + SdkHttpUtils.urlEncode(bucket);
        } else {
            host = bucket + "." + endpoint.getHost();
            pathPrefix = basePath;
        }
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.PUT)
                .protocol(endpoint.getScheme())
                .host(host)
                .encodedPath(pathPrefix + "/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key));
        if (contentType != null) {
            request.putHeader("content-type", contentType);
        }
        if (contentLength != null) {
            request.putHeader("content-length", Long.toString(contentLength));
        }
        if (endpoint.getPort() != -1) {
            request.port(endpoint.getPort());
        }
        if (checksum != null) {
            request.putHeader("x-amz-checksum-sha256", checksum);
        }
        extraHeaders.forEach((name, value) -> request.putHeader(name.toLowerCase(Locale.ROOT), value));
        SdkHttpRequest signed = SIGNER.sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKey, secretKey))
                .request(request.build())
                .putProperty(HttpSigner.SIGNING_CLOCK, clock)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, validity)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)).request();
        StringBuilder url = new StringBuilder().append(signed.protocol()).append("://").append(signed.host());
        if (signed.port() != SdkHttpUtils.standardPort(signed.protocol())) {
            url.append(':').append(signed.port());
        }
        url.append(signed.encodedPath());
        signed.encodedQueryParameters().ifPresent(query -> url.append('?').append(query));
        Map<String, String> headers = new LinkedHashMap<>();
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name, String.join(",", values));
            }
        });
        return new PresignedPutSigner.Signed(url.toString(), headers);
    }
}
