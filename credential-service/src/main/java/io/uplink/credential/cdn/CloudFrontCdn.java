package io.uplink.credential.cdn;

import software.amazon.awssdk.services.cloudfront.CloudFrontUtilities;
import software.amazon.awssdk.services.cloudfront.cookie.CookiesForCustomPolicy;

import java.net.URI;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Amazon CloudFront with signed URLs and cookies (the AWS SDK's {@link CloudFrontUtilities}): a URL carries a canned
 * policy for exactly its object; cookies carry a custom policy for every object under a prefix, so a page can load
 * many objects (an HLS stream's segments, a gallery) with one grant.
 */
public final class CloudFrontCdn implements CdnDelivery {

    private static final CloudFrontUtilities CLOUDFRONT = CloudFrontUtilities.create();

    private final CdnObjectUrls urls;
    private final String keyPairId;
    private final PrivateKey privateKey;

    CloudFrontCdn(CdnObjectUrls urls, String keyPairId, PrivateKey privateKey) {
        this.urls = urls;
        this.keyPairId = keyPairId;
        this.privateKey = privateKey;
    }

    @Override
    public URI urlFor(String key, Instant expiresAt) {
        return URI.create(CLOUDFRONT.getSignedUrlWithCannedPolicy(request -> request.resourceUrl(urls.of(key))
                .privateKey(privateKey).keyPairId(keyPairId).expirationDate(expiresAt)).url());
    }

    @Override
    public boolean expires() {
        return true;
    }

    /** Signed cookies that let their holder fetch every object whose key starts with {@code keyPrefix}. */
    public SignedCookies cookiesFor(String keyPrefix, Instant expiresAt) {
        String resources = urls.of(keyPrefix) + "*";
        CookiesForCustomPolicy cookies = CLOUDFRONT.getCookiesForCustomPolicy(request -> request
                .resourceUrl(urls.of(keyPrefix)).resourceUrlPattern(resources)
                .privateKey(privateKey).keyPairId(keyPairId).expirationDate(expiresAt));
        Map<String, String> values = new LinkedHashMap<>();
        for (String header : new String[] {cookies.policyHeaderValue(), cookies.signatureHeaderValue(),
                cookies.keyPairIdHeaderValue()}) {
            int equals = header.indexOf('=');
            values.put(header.substring(0, equals), header.substring(equals + 1));
        }
        URI base = URI.create(urls.base());
        return new SignedCookies(values, base.getHost(), base.getRawPath() == null || base.getRawPath().isEmpty()
                ? "/" : base.getRawPath(), resources, expiresAt);
    }

    /**
     * Cookies for the CDN's domain: the tenant's backend sets them for its users (they are not for the API's own
     * domain).
     *
     * @param resources the URL pattern the policy allows
     */
    public record SignedCookies(Map<String, String> cookies, String domain, String path, String resources,
                                Instant expiresAt) {
    }
}
