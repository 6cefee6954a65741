package io.uplink.acceptance;

import java.util.List;

/**
 * What the hostile requests aim at and carry. The owner is a tenant with a recorded file, a pending multipart upload,
 * a webhook endpoint with a delivered message and a live upload token; the intruder is another tenant, with its own
 * key, a pending multipart upload of its own and upload tokens in every state.
 *
 * @param intruderPendingUploadId a MULTIPART upload of {@code 12 MiB} (two parts), nothing stored yet
 * @param restrictedToken         an upload token of the intruder allowing files up to 1000 bytes
 * @param permissiveToken         an upload token of the intruder with the tenant's limits
 * @param expiredToken            an upload token of the intruder whose time is up
 * @param revokedToken            an upload token of the intruder, revoked
 * @param gatewayPrivateKey       the key the local stack's gateway signs identity assertions with
 * @param adminToken              a platform admin's token from the identity provider (to tamper with)
 */
record HostileTargets(Owner owner, String intruderTenantId, String intruderKey, String intruderPendingUploadId,
                      String restrictedToken, String permissiveToken, String expiredToken, String revokedToken,
                      String gatewayPrivateKey, String adminToken) {

    record Owner(String tenantId, String apiKey, String fileId, String key, String completedUploadId,
                 String pendingUploadId, String endpointId, String messageId, String uploadTokenId) {

        /** What an answer to the intruder must never contain. */
        List<String> secrets() {
            return List.of(tenantId, fileId, key, endpointId, messageId, uploadTokenId);
        }

        String keyPrefix() {
            return "tenants/" + tenantId + "/";
        }
    }

    String intruderKeyPrefix() {
        return "tenants/" + intruderTenantId + "/";
    }

    String[] ownerSecrets() {
        return owner.secrets().toArray(String[]::new);
    }
}
