package io.uplink.credential.sts;

import io.uplink.credential.quota.QuotaCheck;
import io.uplink.contracts.EventJson;
import io.uplink.credential.policy.ObjectKeys;
import io.uplink.credential.policy.UploadPolicy;
import io.uplink.credential.storage.StorageTarget;
import io.uplink.credential.storage.StorageTargetProperties;
import io.uplink.credential.storage.StorageTargets;
import io.uplink.credential.storage.TenantStorage;
import io.uplink.credential.tenant.TenantSettings;
import io.uplink.credential.tenant.TenantSettingsSource;
import io.uplink.credential.web.InvalidRequestException;
import io.uplink.servlet.identity.Caller;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Temporary credentials for SDK-style clients: AssumeRole with an inline session policy allowing only the upload
 * actions on {@code bucket/tenants/{tenantId}/*}, for at most the tenant's credential TTL (STS minimum 15 min).
 * Each storage target has its own STS (or none): the default target's is {@code uplink.credential.sts.*}, a named target's
 * {@code uplink.credential.storage.targets.<name>.sts.*}; one STS client per target, built once.
 */
@Service
public class TemporaryCredentialsIssuer implements DisposableBean {

    static final int MIN_DURATION_SECONDS = 900;
    static final int MAX_DURATION_SECONDS = 3600;

    private final TenantSettingsSource tenants;
    private final TenantStorage tenantStorage;
    private final QuotaCheck quotas;
    private final Map<String, RoleAssumer> assumers = new HashMap<>();

    TemporaryCredentialsIssuer(StsProperties defaultSts, StorageTargets targets, TenantStorage tenantStorage,
                               TenantSettingsSource tenants, QuotaCheck quotas) {
        this.tenants = tenants;
        this.quotas = quotas;
        this.tenantStorage = tenantStorage;
        for (StorageTarget target : targets.all()) {
            StorageTargetProperties.Sts sts = StorageTarget.DEFAULT.equals(target.name())
                    ? (defaultSts.isConfigured() ? new StorageTargetProperties.Sts(defaultSts.endpoint(),
                    defaultSts.region(), defaultSts.roleArn(), defaultSts.accessKey(), defaultSts.secretKey()) : null)
                    : target.sts();
            if (sts != null) {
                assumers.put(target.name(), new RoleAssumer(client(sts, target), sts.roleArn()));
            }
        }
    }

    private static StsClient client(StorageTargetProperties.Sts sts, StorageTarget target) {
        boolean ownKeys = sts.accessKey() != null && !sts.accessKey().isBlank();
        return StsClient.builder()
                .endpointOverride(sts.endpoint())
                .region(Region.of(sts.region() == null || sts.region().isBlank() ? target.region() : sts.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        ownKeys ? sts.accessKey() : target.accessKey(), ownKeys ? sts.secretKey() : target.secretKey())))
                .build();
    }

    @Override
    public void destroy() {
        assumers.values().forEach(assumer -> assumer.client().close());
    }

    /** @throws NoStsException when the tenant's storage target has no STS */
    public TemporaryCredentials issue(Caller caller) {
        if (!ObjectKeys.isValidTenantId(caller.tenantId())) {
            throw new InvalidRequestException(HttpStatus.FORBIDDEN, "tenantId", "tenant-id",
                    "the caller's tenant id cannot be used in object keys");
        }
        TenantSettings settings = tenants.settingsFor(caller.tenantId());
        // STS credentials write any size: a tenant at a quota gets none; within one, its uploads are what counts
        quotas.admit(caller.tenantId(), settings.quotas(), 0);
        StorageTarget target = tenantStorage.of(settings);
        RoleAssumer assumer = assumers.get(target.name());
        if (assumer == null) {
            throw new NoStsException(target.name());
        }
        int duration = (int) Math.max(MIN_DURATION_SECONDS, Math.min(MAX_DURATION_SECONDS,
                settings.credentialTtlSeconds()));
        String policy = EventJson.writeString(UploadPolicy.sessionPolicy(target.bucket(), caller.tenantId()));
        String sessionName = ("uplink-" + caller.tenantId() + "-" + UUID.randomUUID().toString().substring(0, 8));
        Credentials credentials = assumer.client().assumeRole(r -> r.roleArn(assumer.roleArn())
                .roleSessionName(sessionName.length() > 64 ? sessionName.substring(0, 64) : sessionName)
                .policy(policy)
                .durationSeconds(duration)).credentials();
        return new TemporaryCredentials(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken(), credentials.expiration(), target.bucket(), target.region(),
                target.clientEndpoint() == null ? null : target.clientEndpoint().toString(),
                ObjectKeys.tenantPrefix(caller.tenantId()));
    }

    private record RoleAssumer(StsClient client, String roleArn) {
    }

    /** The tenant's storage target has no STS configured: answered 409, clients use presigned uploads. */
    static class NoStsException extends RuntimeException {

        private final String target;

        NoStsException(String target) {
            super("storage target '" + target + "' has no STS; use presigned uploads");
            this.target = target;
        }

        String target() {
            return target;
        }
    }
}
