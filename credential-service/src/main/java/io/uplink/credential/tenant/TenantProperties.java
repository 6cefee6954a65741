package io.uplink.credential.tenant;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * @param metadataUrl metadata-service base URL ({@code UPLINK_METADATA_URL}); empty: every tenant gets the defaults,
 *     so the service works before the registry exists
 * @param cacheTtl how long a tenant's settings are reused before asking the registry again
 * @param staleIfError how much longer they are reused while the registry cannot be reached
 * @param defaults settings for fields the registry leaves out, or for every tenant without a registry
 */
@ConfigurationProperties("uplink.tenants")
public record TenantProperties(URI metadataUrl, @DefaultValue("60s") Duration cacheTtl,
                               @DefaultValue("5s") Duration requestTimeout, TenantSettings defaults,
                               @DefaultValue("10m") Duration staleIfError) {

    public TenantProperties {
        if (defaults == null) {
            defaults = new TenantSettings(5L * 1024 * 1024 * 1024, List.of("*/*"), 900, "default");
        }
    }
}
