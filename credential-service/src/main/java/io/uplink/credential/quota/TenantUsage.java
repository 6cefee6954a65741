package io.uplink.credential.quota;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What a tenant holds and added today, as metadata-service's {@code GET /api/v1/tenants/{id}/usage} measures it. */
@JsonIgnoreProperties(ignoreUnknown = true)
record TenantUsage(long storedBytes, long files, long uploadsToday) {
}
