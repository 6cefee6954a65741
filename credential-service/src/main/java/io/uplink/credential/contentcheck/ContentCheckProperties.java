package io.uplink.credential.contentcheck;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether completion reads an object's first bytes and refuses bytes that are not the declared type
 *                (one ranged GET of at most {@link DeclaredContentCheck#bytesNeeded()} bytes per upload)
 */
@ConfigurationProperties("uplink.credential.content-check")
public record ContentCheckProperties(@DefaultValue("true") boolean enabled) {
}
