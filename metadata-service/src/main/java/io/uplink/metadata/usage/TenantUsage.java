package io.uplink.metadata.usage;

import io.uplink.metadata.tenant.TenantSettings;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a tenant holds and has added today, beside its quotas ({@code GET /api/v1/usage}).
 *
 * @param storedBytes  bytes of its active and pending files
 * @param files        number of its active and pending files
 * @param uploadsToday files recorded since 00:00 UTC of {@code day}, whatever became of them
 */
public record TenantUsage(String tenantId, long storedBytes, long files, long uploadsToday, LocalDate day,
                          TenantSettings.Quotas quotas, Instant measuredAt) {
}
