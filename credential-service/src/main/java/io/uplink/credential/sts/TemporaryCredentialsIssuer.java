package io.uplink.credential.sts;

import org.springframework.stereotype.Service;
import org.springframework.beans.factory.DisposableBean;
import io.uplink.contracts.EventJson;
import io.uplink.credential.identity.Caller;
import io.uplink.credential.policy.ObjectKeys;
import io.uplink.credential.policy.UploadPolicy;
import io.uplink.credential.storage.StorageProperties;
import io.uplink.credential.tenant.TenantSettingsSource;
import io.uplink.credential.web.InvalidRequestException;
import org.springframework.http.HttpStatus;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.util.UUID;

/**
 * Temporary credentials for SDK-style clients: AssumeRole with an inline session policy allowing only the upload
 * actions on {@code bucket/tenants/{tenantId}/*}, for at most the tenant's credential TTL (STS minimum 15 min).
 */
@Service
public class TemporaryCredentialsIssuer implements DisposableBean {

    static final int MIN_DURATION_SECONDS = 900;
    static final int MAX_DURATION_SECONDS = 3600;

    private final StsProperties sts;
    private final StorageProperties storage;
    private final TenantSettingsSource tenants;
    private final StsClient client;

    TemporaryCredentialsIssuer(StsProperties sts, StorageProperties storage, TenantSettingsSource tenants) {
        this.sts = sts;
        this.storage = storage;
        this.tenants = tenants;
        this.client = sts.isConfigured() ? client(sts, storage) : null;
    }

    private static StsClient client(StsProperties sts, StorageProperties storage) {
        boolean ownKeys = sts.accessKey() != null && !sts.accessKey().isBlank();
        return StsClient.builder()
                .endpointOverride(sts.endpoint())
                .region(Region.of(sts.region() == null || sts.region().isBlank() ? storage.region() : sts.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        ownKeys ? sts.accessKey() : storage.accessKey(), ownKeys ? sts.secretKey() : storage.secretKey())))
                .build();
    }

    @Override
    public void destroy() {
        if (client != null) {
            client.close();
        }
    }

    public boolean isAvailable() {
        return client != null;
    }

    /** Only call when {@link #isAvailable()}. */
    public TemporaryCredentials issue(Caller caller) {
        if (!ObjectKeys.isValidTenantId(caller.tenantId())) {
            throw new InvalidRequestException(HttpStatus.FORBIDDEN, "tenantId", "tenant-id",
                    "the caller's tenant id cannot be used in object keys");
        }
        long ttl = tenants.settingsFor(caller.tenantId()).credentialTtlSeconds();
        int duration = (int) Math.max(MIN_DURATION_SECONDS, Math.min(MAX_DURATION_SECONDS, ttl));
        String policy = EventJson.writeString(UploadPolicy.sessionPolicy(storage.bucket(), caller.tenantId()));
        String sessionName = ("uplink-" + caller.tenantId() + "-" + UUID.randomUUID().toString().substring(0, 8));
        Credentials credentials = client.assumeRole(r -> r.roleArn(sts.roleArn())
                .roleSessionName(sessionName.length() > 64 ? sessionName.substring(0, 64) : sessionName)
                .policy(policy)
                .durationSeconds(duration)).credentials();
        return new TemporaryCredentials(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken(), credentials.expiration(), storage.bucket(), storage.region(),
                storage.clientEndpoint() == null ? null : storage.clientEndpoint().toString(),
                ObjectKeys.tenantPrefix(caller.tenantId()));
    }
}
