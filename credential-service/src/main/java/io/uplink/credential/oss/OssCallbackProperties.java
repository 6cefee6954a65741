package io.uplink.credential.oss;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * @param allowedKeyUrlPrefixes where OSS's callback public key may be fetched from; only Alibaba's own host in
 *     production (a forged callback could otherwise point at an attacker's key). Tests point it at a local server.
 * @param keyCacheMaxEntries public keys (and failed fetches) remembered at most; OSS signs with very few keys
 * @param keyFetchTimeout a key fetch (connect and answer) gives up after this long; the callback waits for it
 * @param keyFetchFailureTtl how long a failed fetch is remembered, refusing callbacks naming that URL meanwhile
 * @param maxConcurrentKeyFetches key fetches in flight at most; a callback needing another is refused at once
 * @param keyFetchesPerMinute key fetches started per minute at most, whatever URLs callbacks name
 */
@ConfigurationProperties("uplink.credential.oss.callback")
public record OssCallbackProperties(
        @DefaultValue({"https://gosspublic.alicdn.com/", "http://gosspublic.alicdn.com/"})
        List<String> allowedKeyUrlPrefixes,
        @DefaultValue("16") int keyCacheMaxEntries,
        @DefaultValue("2s") Duration keyFetchTimeout,
        @DefaultValue("30s") Duration keyFetchFailureTtl,
        @DefaultValue("2") int maxConcurrentKeyFetches,
        @DefaultValue("20") int keyFetchesPerMinute) {

    public OssCallbackProperties {
        if (keyCacheMaxEntries < 1 || maxConcurrentKeyFetches < 1 || keyFetchesPerMinute < 1) {
            throw new IllegalArgumentException("uplink.credential.oss.callback key cache and fetch limits must be at least 1");
        }
    }
}
