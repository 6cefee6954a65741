package io.uplink.credential.cdn;

import io.uplink.credential.signing.UriEncoding;

import java.net.URI;

/**
 * An object's URL on a CDN: the base URL, a slash, and the key percent-encoded as SigV4 encodes object keys
 * ({@link UriEncoding}: RFC 3986, slashes kept), so the URL a client requests is exactly the one that was signed.
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
        return "/" + UriEncoding.encodeIgnoreSlashes(key);
    }

    /** The path a request for the object carries, the base URL's own path included. */
    String requestPath(String key) {
        String basePath = URI.create(base).getRawPath();
        return (basePath == null ? "" : basePath) + path(key);
    }
}
