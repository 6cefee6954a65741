package io.uplink.metadata.erasure;

import java.time.Instant;
import java.util.Map;

/**
 * What the erasure of a tenant removed here, and what it announced for the other services.
 *
 * @param objectsDeleted per store: objects deleted under the tenant's prefixes and object versions its files named
 * @param uploadsAborted per store: multipart uploads in progress under the tenant's prefix, aborted
 * @param announced      the event telling the other services to remove theirs ({@code tenant.erased} on this topic)
 */
public record ErasureReport(String tenantId, Map<String, Integer> objectsDeleted, Map<String, Integer> uploadsAborted,
                            int filesRemoved,
                            int apiKeysRemoved, String announced, Instant erasedAt) {
}
