package io.uplink.credential.tenant;

import org.springframework.boot.context.properties.bind.ConstructorBinding;

import io.uplink.credential.storage.StorageRouting;

import java.util.List;

/**
 * The upload rules of one tenant, as metadata-service's tenant registry holds them (docs/internal-contracts.md).
 *
 * @param maxObjectSize bytes
 * @param allowedContentTypes media-type patterns such as {@code image/*} or {@code application/pdf}
 * @param credentialTtlSeconds how long issued credentials stay valid
 * @param storageTarget the named storage the tenant's objects go to
 * @param quotas what the tenant may hold and add, checked when minting
 * @param routing which of its stores an upload goes to, when the tenant has several
 */
public record TenantSettings(long maxObjectSize, List<String> allowedContentTypes, long credentialTtlSeconds,
                             String storageTarget, Quotas quotas, StorageRouting routing) {

    /** The one constructor configuration binds ({@code uplink.credential.tenants.defaults.*}). */
    @ConstructorBinding
    public TenantSettings {
        allowedContentTypes = allowedContentTypes == null ? List.of() : List.copyOf(allowedContentTypes);
        quotas = quotas == null ? Quotas.NONE : quotas;
        routing = routing == null ? StorageRouting.NONE : routing;
    }

    /** Settings without quotas, with one store. */
    public TenantSettings(long maxObjectSize, List<String> allowedContentTypes, long credentialTtlSeconds,
                          String storageTarget) {
        this(maxObjectSize, allowedContentTypes, credentialTtlSeconds, storageTarget, Quotas.NONE, StorageRouting.NONE);
    }

    /**
     * Per-tenant quotas (metadata-service's tenant settings); a null field is no limit.
     *
     * @param maxStoredBytes   bytes of the tenant's active and pending files
     * @param maxFiles         number of its active and pending files
     * @param maxUploadsPerDay files recorded since 00:00 UTC
     */
    public record Quotas(Long maxStoredBytes, Long maxFiles, Long maxUploadsPerDay) {

        public static final Quotas NONE = new Quotas(null, null, null);

        public boolean any() {
            return maxStoredBytes != null || maxFiles != null || maxUploadsPerDay != null;
        }
    }
}
