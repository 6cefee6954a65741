package io.uplink.credential.quota;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param usageCacheTtl how long a tenant's usage, read from metadata-service, is reused for quota checks: mints within
 *                      it may together pass a quota by what they add
 */
@ConfigurationProperties("uplink.credential.quotas")
public record QuotaProperties(@DefaultValue("5s") Duration usageCacheTtl) {
}
