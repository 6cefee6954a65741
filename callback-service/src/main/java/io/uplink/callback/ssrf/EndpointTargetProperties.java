package io.uplink.callback.ssrf;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * @param allowHttp plain {@code http} endpoints (local stack only; production requires https)
 * @param allowedNetworks CIDR blocks or addresses exempt from the private-address rule, for development
 *     (e.g. {@code 127.0.0.1/32} for a receiver on the developer's machine). Addresses, never host names, so the
 *     exemption cannot be widened by whoever controls a DNS record.
 */
@ConfigurationProperties("uplink.callback.endpoints")
public record EndpointTargetProperties(
        @DefaultValue("false") boolean allowHttp,
        @DefaultValue List<String> allowedNetworks) {
}
