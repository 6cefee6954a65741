package io.uplink.credential.tenant;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * @param metadataInstances base URLs of metadata-service ({@code UPLINK_METADATA_URL}, comma-separated when the
 *     instances are listed rather than behind one address); none: every tenant gets the defaults, so the service
 *     works before the registry exists
 * @param cacheTtl how long a tenant's settings are reused before asking the registry again
 * @param staleIfError how much longer they are reused while the registry cannot be reached
 * @param defaults settings for fields the registry leaves out, or for every tenant without a registry
 */
@ConfigurationProperties("uplink.credential.tenants")
public record TenantProperties(List<URI> metadataInstances, @DefaultValue("60s") Duration cacheTtl,
                               @DefaultValue("5s") Duration requestTimeout, TenantSettings defaults,
                               @DefaultValue("10m") Duration staleIfError) {

    public TenantProperties {
        metadataInstances = metadataInstances == null ? List.of()
                : metadataInstances.stream().filter(url -> !url.toString().isBlank()).toList();
        if (defaults == null) {
            defaults = new TenantSettings(5L * 1024 * 1024 * 1024, List.of("*/*"), 900, "default");
        }
    }
}
