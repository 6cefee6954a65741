package io.uplink.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxRequestBodySize the largest API request body accepted; object bytes go straight to storage, so API
 *                           bodies are small JSON (or storage callbacks) and anything bigger is refused with 413
 */
@ConfigurationProperties("uplink.gateway.limits")
public record RequestBodyLimitProperties(@DefaultValue("1MB") DataSize maxRequestBodySize) {
}
