package io.uplink.credential.cdn;

import java.net.URI;
import java.time.Instant;

/** A public CDN in front of the store: an object's URL is simply where the CDN serves it. */
record PlainCdn(CdnObjectUrls urls) implements CdnDelivery {

    @Override
    public URI urlFor(String key, Instant expiresAt) {
        return URI.create(urls.of(key));
    }

    @Override
    public boolean expires() {
        return false;
    }
}
