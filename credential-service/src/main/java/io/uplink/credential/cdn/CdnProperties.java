package io.uplink.credential.cdn;

import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * A store's CDN ({@code uplink.credential.storage.cdn.*} for the default target,
 * {@code uplink.credential.storage.targets.<name>.cdn.*} for the others): downloads of the store's objects answer URLs
 * on the CDN instead of presigned store URLs.
 *
 * @param kind       how the CDN's URLs are signed; {@code none} = no CDN
 * @param baseUrl    the distribution's URL (may end in a path); an object's URL is this, a slash and its key
 * @param keyPairId  {@code cloudfront}: the id of the public key CloudFront checks signatures with
 * @param privateKey {@code cloudfront}: the matching RSA private key, PEM (PKCS#8 or PKCS#1), or the path of a PEM file
 * @param authKey    {@code aliyun-type-a}: the domain's URL-signing key (primary or secondary)
 * @param validity   {@code aliyun-type-a}: the validity period set for the domain in Alibaba Cloud CDN; a signed URL
 *                   expires that long after the timestamp it carries (1,800 s is Alibaba's default)
 */
public record CdnProperties(@DefaultValue("none") CdnKind kind,
                            URI baseUrl,
                            String keyPairId,
                            String privateKey,
                            String authKey,
                            @DefaultValue("30m") Duration validity) {

    public static final CdnProperties NONE = new CdnProperties(CdnKind.NONE, null, null, null, null, null);

    public CdnProperties {
        kind = kind == null ? CdnKind.NONE : kind;
        validity = validity == null ? Duration.ofMinutes(30) : validity;
    }
}
