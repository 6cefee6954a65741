package io.uplink.credential.cdn;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * An object's URL on a CDN: the base URL, a slash, and the key with each path segment percent-encoded (RFC 3986:
 * everything but unreserved characters), so the URL a client requests is exactly the one that was signed.
 */
record CdnObjectUrls(String base) {

    static CdnObjectUrls under(URI baseUrl) {
        String base = baseUrl.toString();
        if (!"https".equals(baseUrl.getScheme()) && !"http".equals(baseUrl.getScheme()) || baseUrl.getHost() == null) {
            throw new IllegalStateException("a CDN's base-url is an http(s) URL with a host, was " + base);
        }
        return new CdnObjectUrls(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    String of(String key) {
        return base + path(key);
    }

    /** The encoded path of the object under the base URL's own path: {@code /a%20b/c.txt}. */
    String path(String key) {
        StringBuilder path = new StringBuilder();
        for (String segment : key.split("/", -1)) {
            path.append('/').append(encode(segment));
        }
        return path.toString();
    }

    /** The path a request for the object carries, the base URL's own path included. */
    String requestPath(String key) {
        String basePath = URI.create(base).getRawPath();
        return (basePath == null ? "" : basePath) + path(key);
    }

    private static String encode(String segment) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
