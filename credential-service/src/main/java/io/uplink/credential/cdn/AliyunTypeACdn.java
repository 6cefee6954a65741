package io.uplink.credential.cdn;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Alibaba Cloud CDN URL authentication, type A: {@code URL?auth_key=timestamp-rand-uid-md5hash}, where md5hash is
 * the MD5 of {@code URI-timestamp-rand-uid-key} (URI: the request's path, no query), rand a nonce without hyphens
 * and uid {@code 0}. The CDN accepts the URL until timestamp plus the validity period set for the domain, so the
 * timestamp is the wanted expiry less that period.
 */
final class AliyunTypeACdn implements CdnDelivery {

    private final CdnObjectUrls urls;
    private final String authKey;
    private final Duration validity;
    private final Supplier<String> nonces;

    AliyunTypeACdn(CdnObjectUrls urls, String authKey, Duration validity, Supplier<String> nonces) {
        this.urls = urls;
        this.authKey = authKey;
        this.validity = validity;
        this.nonces = nonces;
    }

    @Override
    public URI urlFor(String key, Instant expiresAt) {
        long timestamp = expiresAt.minus(validity).getEpochSecond();
        String rand = nonces.get();
        String uri = urls.requestPath(key);
        String md5hash = md5Hex(uri + "-" + timestamp + "-" + rand + "-0-" + authKey);
        return URI.create(urls.of(key) + "?auth_key=" + timestamp + "-" + rand + "-0-" + md5hash);
    }

    @Override
    public boolean expires() {
        return true;
    }

    static String randomNonce() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }
}
