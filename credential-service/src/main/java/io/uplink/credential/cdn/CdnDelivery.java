package io.uplink.credential.cdn;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/** URLs of a store's objects on its CDN. */
public sealed interface CdnDelivery permits PlainCdn, CloudFrontCdn, AliyunTypeACdn {

    /** The object's URL on the CDN, valid until {@code expiresAt} where the CDN checks signatures. */
    URI urlFor(String key, Instant expiresAt);

    /** Whether the URLs stop working at their expiry (a plain CDN's never do). */
    boolean expires();

    /**
     * The CDN of a target's settings, checked: a CDN without what its kind needs stops the service's start with the
     * setting's name.
     *
     * @param settings where the settings live, for the error, e.g. {@code uplink.credential.storage.targets.eu.cdn}
     */
    static Optional<CdnDelivery> of(String settings, CdnProperties cdn) {
        if (cdn == null || cdn.kind() == CdnKind.NONE) {
            return Optional.empty();
        }
        CdnObjectUrls urls = CdnObjectUrls.under(required(settings, "base-url", cdn.baseUrl()));
        return Optional.of(switch (cdn.kind()) {
            case PLAIN -> new PlainCdn(urls);
            case CLOUDFRONT -> new CloudFrontCdn(urls, required(settings, "key-pair-id", cdn.keyPairId()),
                    PemPrivateKeys.rsa(settings + ".private-key", required(settings, "private-key", cdn.privateKey())));
            case ALIYUN_TYPE_A -> new AliyunTypeACdn(urls, required(settings, "auth-key", cdn.authKey()),
                    cdn.validity(), AliyunTypeACdn::randomNonce);
            case NONE -> throw new IllegalStateException("unreachable");
        });
    }

    private static <T> T required(String settings, String name, T value) {
        if (value == null || value.toString().isBlank()) {
            throw new IllegalStateException(settings + "." + name + " is required for this CDN kind");
        }
        return value;
    }
}
