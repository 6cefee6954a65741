package io.uplink.servlet.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxSize the largest request body a service reads; the gateway's own limit is the same, so this guards the
 *                services when something other than the gateway reaches them (another service, a misrouted probe)
 */
@ConfigurationProperties("uplink.request-body")
public record RequestBodyLimitProperties(@DefaultValue("1MB") DataSize maxSize) {
}
