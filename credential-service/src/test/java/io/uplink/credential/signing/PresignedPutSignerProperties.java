package io.uplink.credential.signing;

import io.uplink.testsupport.time.MutableClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the key, type, size, checksum, header values, store and instant: the SDK's signer gives the same URL. */
class PresignedPutSignerProperties {

    record Store(URI endpoint, String region, String accessKey, String secretKey, String bucket, boolean pathStyle) {
    }

    @Property(tries = 2000)
    void signsExactlyAsTheSdkSigner(@ForAll("stores") Store store, @ForAll("keys") String key,
                                    @ForAll("contentTypes") String contentType, @ForAll("lengths") Long length,
                                    @ForAll("checksums") String checksum, @ForAll("extraHeaders") Map<String, String> extra,
                                    @ForAll("instants") Instant signedAt, @ForAll("validities") Duration validity) {
        Clock clock = Clock.fixed(signedAt, ZoneOffset.UTC);
        PresignedPutSigner ours = new PresignedPutSigner(store.accessKey(), store.secretKey(), store.region(),
                store.endpoint(), store.bucket(), store.pathStyle(), clock);

        PresignedPutSigner.Signed actual = ours.presign(key, contentType, length, checksum, extra, validity);
        PresignedPutSigner.Signed expected = SdkPresignedPut.presign(store.accessKey(), store.secretKey(),
                store.region(), store.endpoint(), store.bucket(), store.pathStyle(), clock, key, contentType, length,
                checksum, extra, validity);

        assertThat(actual.url()).isEqualTo(expected.url());
        assertThat(actual.headers()).containsExactlyEntriesOf(expected.headers());
    }

    @Property(tries = 200)
    void signsTheNextDayWithThatDaysKey(@ForAll("instants") Instant first, @ForAll("keys") String key) {
        MutableClock clock = new MutableClock(first);
        PresignedPutSigner ours = new PresignedPutSigner("AKID", "secret", "eu-west-1",
                URI.create("http://127.0.0.1:9000"), "bucket", true, clock);
        ours.presign(key, "image/png", 3L, null, Map.of(), Duration.ofMinutes(15));
        clock.set(first.plus(Duration.ofHours(30)));

        PresignedPutSigner.Signed actual = ours.presign(key, "image/png", 3L, null, Map.of(), Duration.ofMinutes(15));

        assertThat(actual.url()).isEqualTo(SdkPresignedPut.presign("AKID", "secret", "eu-west-1",
                URI.create("http://127.0.0.1:9000"), "bucket", true, Clock.fixed(clock.instant(), ZoneOffset.UTC), key,
                "image/png", 3L, null, Map.of(), Duration.ofMinutes(15)).url());
    }

    @Provide
    Arbitrary<Store> stores() {
        Arbitrary<URI> endpoints = Arbitraries.of(URI.create("http://127.0.0.1:9000"),
                URI.create("https://minio.example.com"), URI.create("https://storage.example.com:8443/base/"),
                URI.create("http://localhost:80"), URI.create("https://oss-cn-hangzhou.aliyuncs.com")).injectNull(0.2);
        Arbitrary<String> regions = Arbitraries.of("us-east-1", "eu-central-1", "auto", "oss-cn-hangzhou");
        Arbitrary<String> accessKeys = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(24);
        Arbitrary<String> secrets = Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(48);
        Arbitrary<String> buckets = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-.")
                .ofMinLength(3).ofMaxLength(30);
        return Combinators.combine(endpoints, regions, accessKeys, secrets, buckets, Arbitraries.of(true, false))
                .as(Store::new);
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMinLength(1).ofMaxLength(80),
                Arbitraries.strings().withChars("a/ +*~%=&?#.-_äß漢😀\t\\\"'").ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings().alpha().numeric().withChars("/.-").ofMinLength(1).ofMaxLength(60)
                        .map(s -> "tenants/t1/" + s));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.oneOf(Arbitraries.of("image/jpeg", "text/plain; charset=utf-8", "  a/b  ", "x/y\t\tz"),
                Arbitraries.strings().ascii().ofMaxLength(30)).injectNull(0.2);
    }

    @Provide
    Arbitrary<Long> lengths() {
        return Arbitraries.longs().between(0, Long.MAX_VALUE).injectNull(0.2);
    }

    @Provide
    Arbitrary<String> checksums() {
        return Arbitraries.strings().withChars("ABCDEFabcdef0123456789+/=").ofLength(44).injectNull(0.5);
    }

    @Provide
    Arbitrary<Map<String, String>> extraHeaders() {
        Arbitrary<String> names = Arbitraries.of("x-oss-callback", "X-Amz-Meta-Note", "x-amz-acl", "Content-Type",
                "user-agent", "expect");
        Arbitrary<String> values = Arbitraries.strings().withChars("ab c\t=+/\n").ofMaxLength(20);
        return Arbitraries.maps(names, values).ofMaxSize(3);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(0, 4_102_444_800L).map(Instant::ofEpochSecond)
                .flatMap(i -> Arbitraries.integers().between(0, 999_999_999).map(i::plusNanos));
    }

    @Provide
    Arbitrary<Duration> validities() {
        return Arbitraries.longs().between(1, Duration.ofDays(7).getSeconds()).map(Duration::ofSeconds);
    }

}
