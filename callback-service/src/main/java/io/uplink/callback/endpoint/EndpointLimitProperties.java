package io.uplink.callback.endpoint;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxPerTenant how many webhook endpoints one tenant may have (enabled or not), so no tenant can multiply
 *     the fan-out and delivery work of every event it sends
 */
@ConfigurationProperties("uplink.callback.endpoints")
public record EndpointLimitProperties(@DefaultValue("20") int maxPerTenant) {

    /** The property's full name, given to the client so it knows which rule refused it. */
    public static final String MAX_PER_TENANT = "uplink.callback.endpoints.max-per-tenant";
}
