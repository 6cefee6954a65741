package io.uplink.credential.signing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-built request signed by the SDK's SigV4 signer must give exactly the URL S3Presigner gives. */
class PresignedPutSignerTest {

    record Store(URI endpoint, String region, String accessKey, String secretKey, String bucket, boolean pathStyle) {
    }

    record Put(String key, String contentType, Long contentLength, String checksum, Map<String, String> extraHeaders) {
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(new Store(URI.create("http://127.0.0.1:9000"), "us-east-1", "AKIDEXAMPLE",
                                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "uplink-uploads", true),
                        new Put("tenants/t1/2026/11/25/4f0c/photo 1 (ä).jpg", "image/jpeg", 1_048_576L, null, Map.of())),
                Arguments.of(new Store(URI.create("https://minio.example.com"), "eu-central-1", "AKID2", "secret2",
                                "media", true),
                        new Put("tenants/t-2/2026/01/01/id/a+b=c&d~e.png", "image/png", 5L,
                                "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", Map.of())),
                Arguments.of(new Store(URI.create("https://storage.example.com"), "auto", "AKID3", "secret3",
                                "bucket-three", false),
                        new Put("tenants/x/2026/02/03/id/report.pdf", null, null, null, Map.of())),
                Arguments.of(new Store(URI.create("https://oss-cn-hangzhou.aliyuncs.com"), "oss-cn-hangzhou", "AKID5",
                                "secret5", "oss-bucket", false),
                        new Put("tenants/z/2026/02/03/id/a.txt", "text/plain", 12L, null,
                                Map.of("x-oss-callback", "eyJjYWxsYmFja1VybCI6Imh0dHBzOi8vZXhhbXBsZS5jb20ifQ=="))),
                Arguments.of(new Store(null, "us-west-2", "AKID4", "secret4", "aws-bucket", false),
                        new Put("tenants/y/2026/02/03/id/%25weird%.txt", "text/plain", 1L, null, Map.of())));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void presignsTheSameUrlAndHeadersAsTheSdkPresigner(Store store, Put put) {
        var sdkBuilder = S3Presigner.builder()
                .region(Region.of(store.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(store.accessKey(), store.secretKey())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(store.pathStyle()).build());
        if (store.endpoint() != null) {
            sdkBuilder.endpointOverride(store.endpoint());
        }
        PresignedPutSigner ours = new PresignedPutSigner(store.accessKey(), store.secretKey(), store.region(),
                store.endpoint(), store.bucket(), store.pathStyle());
        Duration validity = Duration.ofSeconds(900);
        try (S3Presigner sdk = sdkBuilder.build()) {
            // Both sign "now": retry until both calls fall into the same second.
            for (int attempt = 0; attempt < 5; attempt++) {
                PresignedPutObjectRequest expected = sdk.presignPutObject(p -> p.signatureDuration(validity)
                        .putObjectRequest(r -> {
                            r.bucket(store.bucket()).key(put.key()).contentType(put.contentType())
                                    .contentLength(put.contentLength()).checksumSHA256(put.checksum());
                            put.extraHeaders().forEach((name, value) ->
                                    r.overrideConfiguration(o -> o.putHeader(name, value)));
                        }));
                PresignedPutSigner.Signed actual = ours.presign(put.key(), put.contentType(), put.contentLength(),
                        put.checksum(), put.extraHeaders(), validity);
                if (!amzDate(expected.url().toString()).equals(amzDate(actual.url()))) {
                    continue;
                }
                assertThat(actual.url()).isEqualTo(expected.url().toString());
                Map<String, String> expectedHeaders = new LinkedHashMap<>();
                expected.signedHeaders().forEach((name, values) -> {
                    if (!name.equalsIgnoreCase("host")) {
                        expectedHeaders.put(name, String.join(",", values));
                    }
                });
                assertThat(actual.headers()).isEqualTo(expectedHeaders);
                return;
            }
            throw new AssertionError("never signed within the same second");
        }
    }

    private static String amzDate(String url) {
        int start = url.indexOf("X-Amz-Date=") + "X-Amz-Date=".length();
        return url.substring(start, url.indexOf('&', start));
    }
}
