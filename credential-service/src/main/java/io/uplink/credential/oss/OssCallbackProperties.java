package io.uplink.credential.oss;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * @param allowedKeyUrlPrefixes where OSS's callback public key may be fetched from; only Alibaba's own host in
 *     production (a forged callback could otherwise point at an attacker's key). Tests point it at a local server.
 */
@ConfigurationProperties("uplink.oss.callback")
public record OssCallbackProperties(
        @DefaultValue({"https://gosspublic.alicdn.com/", "http://gosspublic.alicdn.com/"})
        List<String> allowedKeyUrlPrefixes) {
}
