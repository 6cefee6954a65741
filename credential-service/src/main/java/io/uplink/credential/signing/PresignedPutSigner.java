package io.uplink.credential.signing;

import software.amazon.awssdk.utils.http.SdkHttpUtils;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Presigned PutObject URLs (SigV4 query-string auth, unsigned payload), byte for byte what {@code S3Presigner} and
 * the SDK's {@code AwsV4HttpSigner} produce: {@code PresignedPutSignerTest} compares all three, for adversarial keys,
 * types and header values too. Why not the SDK: {@code S3Presigner} ran S3's endpoint rules, interceptors and the
 * XML marshaller per URL (~40 % of a mint); {@code AwsV4HttpSigner} alone still copied the request several times,
 * built the canonical request through generic maps, formatted dates and created a {@code MessageDigest}, four
 * HMACs for the signing key and a {@code Mac} per URL (~20 % of a mint, compiled). Here the canonical request of
 * this one request shape is written into one buffer, the signing key is derived once per day and the JDK's
 * SHA-256 and HmacSHA256 are reused per thread.
 */
public final class PresignedPutSigner {

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** SigV4's limit; the SDK refuses longer presigned URLs the same way. */
    private static final long MAX_EXPIRY_SECONDS = Duration.ofDays(7).getSeconds();
    /** Headers the SDK leaves out of the signature (sent, not signed). */
    private static final Set<String> UNSIGNED_HEADERS = Set.of("connection", "x-amzn-trace-id", "user-agent", "expect");
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private final String accessKey;
    private final String secretKey;
    private final String region;
    private final Clock clock;
    private final String urlPrefix;
    private final String hostHeader;
    private final String pathPrefix;
    /** Per thread: a Mac keyed with the signing key of one day (the key changes only with the date). */
    private final ThreadLocal<DayMac> dayMacs = new ThreadLocal<>();

    /**
     * @param clientEndpoint the store as clients reach it; null = AWS S3 in {@code region}
     */
    public PresignedPutSigner(String accessKey, String secretKey, String region, URI clientEndpoint, String bucket,
                              boolean pathStyleAccess) {
        this(accessKey, secretKey, region, clientEndpoint, bucket, pathStyleAccess, Clock.systemUTC());
    }

    PresignedPutSigner(String accessKey, String secretKey, String region, URI clientEndpoint, String bucket,
                       boolean pathStyleAccess, Clock clock) {
        // Trimmed as the SDK's signer trims credentials (CredentialUtils.sanitizeCredentials).
        this.accessKey = accessKey.trim();
        this.secretKey = secretKey.trim();
        this.region = region;
        this.clock = clock;
        URI endpoint = clientEndpoint == null ? URI.create("https://s3." + region + ".amazonaws.com") : clientEndpoint;
        String protocol = endpoint.getScheme();
        int port = endpoint.getPort();
        String basePath = endpoint.getRawPath() == null ? "" : endpoint.getRawPath().replaceAll("/+$", "");
        String host;
        if (pathStyleAccess && clientEndpoint != null) {
            host = endpoint.getHost();
            this.pathPrefix = basePath + "/" + SdkHttpUtils.urlEncode(bucket);
        } else {
            host = bucket + "." + endpoint.getHost();
            this.pathPrefix = basePath;
        }
        boolean standardPort = port == -1 || port == SdkHttpUtils.standardPort(protocol);
        this.hostHeader = standardPort ? host : host + ":" + port;
        this.urlPrefix = protocol + "://" + hostHeader;
    }

    /**
     * @param contentTypeOrNull   null: any type (not signed)
     * @param contentLengthOrNull null: any length (not signed; the store's own limits apply)
     * @param extraHeaders        further headers the client must send verbatim (signed)
     * @return the URL and every header the client must send with it (Host excepted)
     */
    public Signed presign(String key, String contentTypeOrNull, Long contentLengthOrNull, String checksumSha256OrNull,
                          Map<String, String> extraHeaders, Duration validity) {
        long expires = validity.getSeconds();
        if (expires > MAX_EXPIRY_SECONDS) {
            throw new IllegalArgumentException("a presigned URL is valid for at most 7 days, not " + validity);
        }
        // Sorted by (lower-case) name, as the canonical request needs them; a later header replaces an earlier one.
        TreeMap<String, String> headers = new TreeMap<>();
        if (contentTypeOrNull != null) {
            headers.put("content-type", contentTypeOrNull);
        }
        if (contentLengthOrNull != null) {
            headers.put("content-length", Long.toString(contentLengthOrNull));
        }
        if (checksumSha256OrNull != null) {
            headers.put("x-amz-checksum-sha256", checksumSha256OrNull);
        }
        extraHeaders.forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        headers.put("host", hostHeader);

        StringBuilder signedHeaders = new StringBuilder(64);
        StringBuilder canonicalHeaders = new StringBuilder(256);
        headers.forEach((name, value) -> {
            if (UNSIGNED_HEADERS.contains(name)) {
                return;
            }
            if (!signedHeaders.isEmpty()) {
                signedHeaders.append(';');
            }
            signedHeaders.append(name);
            canonicalHeaders.append(name).append(':');
            appendTrimmed(canonicalHeaders, value);
            canonicalHeaders.append('\n');
        });

        Instant now = clock.instant();
        DayMac dayMac = dayMac(now);
        String dateTime = dateTime(now);
        String encodedPath = pathPrefix + "/" + UriEncoding.encodeIgnoreSlashes(key);

        // The canonical query string (sorted by name) is also the URL's query, bar the order and the signature.
        String encodedCredential = dayMac.encodedCredential;
        String encodedSignedHeaders = UriEncoding.encode(signedHeaders.toString());
        StringBuilder canonical = new StringBuilder(512 + canonicalHeaders.length());
        canonical.append("PUT\n").append(encodedPath).append('\n')
                .append("X-Amz-Algorithm=").append(ALGORITHM)
                .append("&X-Amz-Credential=").append(encodedCredential)
                .append("&X-Amz-Date=").append(dateTime)
                .append("&X-Amz-Expires=").append(expires)
                .append("&X-Amz-SignedHeaders=").append(encodedSignedHeaders).append('\n')
                .append(canonicalHeaders).append('\n')
                .append(signedHeaders).append('\n')
                .append(UNSIGNED_PAYLOAD);

        MessageDigest sha256 = SHA_256.get();
        byte[] canonicalHash = sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder stringToSign = new StringBuilder(160).append(ALGORITHM).append('\n').append(dateTime).append('\n')
                .append(dayMac.scope).append('\n');
        appendHex(stringToSign, canonicalHash);
        StringBuilder signature = new StringBuilder(64);
        appendHex(signature, dayMac.mac.doFinal(stringToSign.toString().getBytes(StandardCharsets.UTF_8)));

        StringBuilder url = new StringBuilder(urlPrefix.length() + encodedPath.length() + 400)
                .append(urlPrefix).append(encodedPath)
                .append("?X-Amz-Algorithm=").append(ALGORITHM)
                .append("&X-Amz-Date=").append(dateTime)
                .append("&X-Amz-SignedHeaders=").append(encodedSignedHeaders)
                .append("&X-Amz-Credential=").append(encodedCredential)
                .append("&X-Amz-Expires=").append(expires)
                .append("&X-Amz-Signature=").append(signature);

        Map<String, String> toSend = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (!name.equals("host")) {
                toSend.put(name, value);
            }
        });
        return new Signed(url.toString(), toSend);
    }

    private DayMac dayMac(Instant now) {
        long day = Math.floorDiv(now.getEpochSecond(), 86_400L);
        DayMac current = dayMacs.get();
        if (current == null || current.day != day) {
            current = new DayMac(day, accessKey, region, signingKey(day));
            dayMacs.set(current);
        }
        return current;
    }

    /** SigV4's key derivation: HMAC chain over date, region, service and "aws4_request". */
    private byte[] signingKey(long day) {
        return SigV4SigningKey.derive(secretKey, dateStamp(day), region);
    }

    private static String dateStamp(long day) {
        LocalDateTime date = LocalDateTime.ofEpochSecond(day * 86_400L, 0, ZoneOffset.UTC);
        StringBuilder stamp = new StringBuilder(8);
        appendDigits(stamp, date.getYear(), 4);
        appendDigits(stamp, date.getMonthValue(), 2);
        appendDigits(stamp, date.getDayOfMonth(), 2);
        return stamp.toString();
    }

    /** {@code yyyyMMdd'T'HHmmss'Z'} in UTC, as the SDK formats the signing time. */
    private static String dateTime(Instant now) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(now.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(16);
        appendDigits(text, time.getYear(), 4);
        appendDigits(text, time.getMonthValue(), 2);
        appendDigits(text, time.getDayOfMonth(), 2);
        text.append('T');
        appendDigits(text, time.getHour(), 2);
        appendDigits(text, time.getMinute(), 2);
        appendDigits(text, time.getSecond(), 2);
        return text.append('Z').toString();
    }

    private static void appendDigits(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        text.append(digits);
    }

    private static void appendHex(StringBuilder text, byte[] bytes) {
        for (byte b : bytes) {
            text.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
    }

    /** SigV4's header value rule: trimmed, every run of whitespace collapsed into one space. */
    private static void appendTrimmed(StringBuilder text, String value) {
        boolean pendingSpace = false;
        boolean any = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\r' || c == '\f') {
                pendingSpace = any;
            } else {
                if (pendingSpace) {
                    text.append(' ');
                    pendingSpace = false;
                }
                text.append(c);
                any = true;
            }
        }
    }

    private static final class DayMac {
        final long day;
        final String scope;
        final String encodedCredential;
        final Mac mac;

        DayMac(long day, String accessKey, String region, byte[] signingKey) {
            this.day = day;
            this.scope = dateStamp(day) + "/" + region + "/s3/aws4_request";
            this.encodedCredential = UriEncoding.encode(accessKey + "/" + scope);
            try {
                this.mac = Mac.getInstance("HmacSHA256");
                this.mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public record Signed(String url, Map<String, String> headers) {
    }
}
