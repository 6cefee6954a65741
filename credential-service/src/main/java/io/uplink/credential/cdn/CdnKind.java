package io.uplink.credential.cdn;

/** How a CDN's URLs are made ({@code none}, {@code plain}, {@code cloudfront}, {@code aliyun-type-a}). */
public enum CdnKind {
    /** No CDN: downloads are presigned store URLs. */
    NONE,
    /** A public CDN: unsigned URLs, valid as long as the object is there. */
    PLAIN,
    /** Amazon CloudFront: signed URLs with a canned policy, signed cookies with a custom one (RSA). */
    CLOUDFRONT,
    /** Alibaba Cloud CDN, URL authentication type A ({@code ?auth_key=timestamp-rand-uid-md5hash}). */
    ALIYUN_TYPE_A
}
