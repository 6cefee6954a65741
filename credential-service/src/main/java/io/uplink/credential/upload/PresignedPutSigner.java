package io.uplink.credential.upload;

import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Presigned PutObject URLs straight from the SDK's SigV4 signer ({@link AwsV4HttpSigner}, query-string auth,
 * unsigned payload), the same signature {@code S3Presigner} produces. Why not {@code S3Presigner}: per URL it runs
 * S3's endpoint rules, the interceptor chain and the XML-protocol marshaller, and parses the finished URL through
 * a JVM-wide synchronized URI cache; that was ~40 % of a mint's CPU and a contended lock at 64 concurrent mints.
 * Only the request is built here; the crypto is the SDK's.
 */
final class PresignedPutSigner {

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final AwsCredentialsIdentity credentials;
    private final String region;
    private final String protocol;
    private final String host;
    private final int port;
    private final String pathPrefix;

    /**
     * @param clientEndpoint the store as clients reach it; null = AWS S3 in {@code region}
     */
    PresignedPutSigner(String accessKey, String secretKey, String region, URI clientEndpoint, String bucket,
                       boolean pathStyleAccess) {
        this.credentials = AwsCredentialsIdentity.create(accessKey, secretKey);
        this.region = region;
        URI endpoint = clientEndpoint == null ? URI.create("https://s3." + region + ".amazonaws.com") : clientEndpoint;
        this.protocol = endpoint.getScheme();
        this.port = endpoint.getPort();
        String basePath = endpoint.getRawPath() == null ? "" : endpoint.getRawPath().replaceAll("/+$", "");
        if (pathStyleAccess && clientEndpoint != null) {
            this.host = endpoint.getHost();
            this.pathPrefix = basePath + "/" + SdkHttpUtils.urlEncode(bucket);
        } else {
            this.host = bucket + "." + endpoint.getHost();
            this.pathPrefix = basePath;
        }
    }

    /**
     * @param contentTypeOrNull   null: any type (not signed)
     * @param contentLengthOrNull null: any length (not signed; the store's own limits apply)
     * @param extraHeaders        further headers the client must send verbatim (signed)
     * @return the URL and every header the client must send with it (Host excepted)
     */
    Signed presign(String key, String contentTypeOrNull, Long contentLengthOrNull, String checksumSha256OrNull,
                   Map<String, String> extraHeaders, Duration validity) {
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.PUT)
                .protocol(protocol)
                .host(host)
                .encodedPath(pathPrefix + "/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key));
        if (contentTypeOrNull != null) {
            request.putHeader("content-type", contentTypeOrNull);
        }
        if (contentLengthOrNull != null) {
            request.putHeader("content-length", Long.toString(contentLengthOrNull));
        }
        if (port != -1) {
            request.port(port);
        }
        if (checksumSha256OrNull != null) {
            request.putHeader("x-amz-checksum-sha256", checksumSha256OrNull);
        }
        extraHeaders.forEach((name, value) -> request.putHeader(name.toLowerCase(java.util.Locale.ROOT), value));
        SignedRequest signed = SIGNER.sign(r -> r
                .identity(credentials)
                .request(request.build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, validity)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false));
        SdkHttpRequest result = signed.request();
        return new Signed(url(result), headersToSend(result.headers()));
    }

    /** Built by hand: {@code SdkHttpRequest.getUri()} goes through the SDK's synchronized URI cache. */
    private static String url(SdkHttpRequest request) {
        StringBuilder url = new StringBuilder(256).append(request.protocol()).append("://").append(request.host());
        if (request.port() != SdkHttpUtils.standardPort(request.protocol())) {
            url.append(':').append(request.port());
        }
        url.append(request.encodedPath());
        request.encodedQueryParameters().ifPresent(query -> url.append('?').append(query));
        return url.toString();
    }

    /** Host is set by every HTTP client itself; everything else signed must be sent verbatim. */
    private static Map<String, String> headersToSend(Map<String, List<String>> signed) {
        Map<String, String> headers = new LinkedHashMap<>();
        signed.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name, String.join(",", values));
            }
        });
        return headers;
    }

    record Signed(String url, Map<String, String> headers) {
    }
}
