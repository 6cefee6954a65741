package io.uplink.credential.tenant;

import java.util.List;

/**
 * The upload rules of one tenant, as metadata-service's tenant registry holds them (docs/internal-contracts.md).
 *
 * @param maxObjectSize bytes
 * @param allowedContentTypes media-type patterns such as {@code image/*} or {@code application/pdf}
 * @param credentialTtlSeconds how long issued credentials stay valid
 * @param storageTarget the named storage the tenant's objects go to
 */
public record TenantSettings(long maxObjectSize, List<String> allowedContentTypes, long credentialTtlSeconds,
                             String storageTarget) {

    public TenantSettings {
        allowedContentTypes = allowedContentTypes == null ? List.of() : List.copyOf(allowedContentTypes);
    }
}
