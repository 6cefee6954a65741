package io.uplink.metadata.tenant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Per-tenant settings the other services apply (see docs/internal-contracts.md "Tenant settings"). Absent fields
 * take the defaults below.
 */
public record TenantSettings(
        @Positive Long maxObjectSize,
        @Size(max = 100) List<@Pattern(regexp = "[a-z0-9.+*-]+/[a-zA-Z0-9.+*-]+") String> allowedContentTypes,
        @Positive @Max(43_200) Integer credentialTtlSeconds,
        @Valid RateLimit rateLimit,
        @Pattern(regexp = "[a-z0-9-]{1,63}") String storageTarget,
        @Size(max = 50) List<@Pattern(regexp = "https?://[^\\s/]+") String> corsOrigins,
        Boolean scanUploads,
        @Valid Quotas quotas,
        @Positive @Max(36_500) Integer retentionDays,
        @Size(max = 20) List<@Pattern(regexp = "[a-z0-9-]{1,63}") String> storageTargets,
        @Size(max = 50) List<@Valid StorageRoute> storageRoutes,
        @Pattern(regexp = "[a-z0-9-]{1,63}") String replicateTo) {

    public static final long DEFAULT_MAX_OBJECT_SIZE = 5L * 1024 * 1024 * 1024;

    public TenantSettings {
        maxObjectSize = maxObjectSize == null ? DEFAULT_MAX_OBJECT_SIZE : maxObjectSize;
        allowedContentTypes = allowedContentTypes == null ? List.of("*/*") : List.copyOf(allowedContentTypes);
        credentialTtlSeconds = credentialTtlSeconds == null ? 900 : credentialTtlSeconds;
        rateLimit = rateLimit == null ? new RateLimit(50, 100) : rateLimit;
        storageTarget = storageTarget == null ? "default" : storageTarget;
        corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
        scanUploads = scanUploads != null && scanUploads;
        quotas = quotas == null ? Quotas.NONE : quotas;
        storageTargets = storageTargets == null ? List.of() : List.copyOf(storageTargets);
        storageRoutes = storageRoutes == null ? List.of() : List.copyOf(storageRoutes);
    }

    public static TenantSettings defaults() {
        return new TenantSettings(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * What a tenant may hold and add, enforced by credential-service when it mints (absent = no limit).
     *
     * @param maxStoredBytes   bytes of active and pending files
     * @param maxFiles         number of active and pending files
     * @param maxUploadsPerDay files recorded since 00:00 UTC, whatever became of them
     */
    public record Quotas(@Positive Long maxStoredBytes, @Positive Long maxFiles, @Positive Long maxUploadsPerDay) {

        public static final Quotas NONE = new Quotas(null, null, null);
    }

    /**
     * Where uploads of a kind go (credential-service routes; first match wins, else {@code storageTarget}).
     *
     * @param contentType a pattern as in {@code allowedContentTypes}; absent = any
     * @param minSize     bytes, inclusive; absent = no lower bound
     * @param maxSize     bytes, inclusive; absent = no upper bound
     */
    public record StorageRoute(@Pattern(regexp = "[a-z0-9.+*-]+/[a-zA-Z0-9.+*-]+") String contentType,
                               @PositiveOrZero Long minSize, @Positive Long maxSize,
                               @NotNull @Pattern(regexp = "[a-z0-9-]{1,63}") String target) {
    }

    public record RateLimit(@NotNull @Positive Integer requestsPerSecond, @NotNull @Positive Integer burst) {
    }
}
