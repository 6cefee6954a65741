package io.uplink.credential.upload;

import io.uplink.credential.quota.QuotaCheck;
import io.uplink.servlet.identity.Caller;
import io.uplink.credential.policy.UploadIntent;
import io.uplink.credential.policy.UploadPolicy;
import io.uplink.credential.policy.UploadPolicyDecider;
import io.uplink.credential.session.SessionGroupCommit;
import io.uplink.credential.session.UploadSession;
import io.uplink.credential.storage.StorageTarget;
import io.uplink.credential.storage.TenantStorage;
import io.uplink.credential.tenant.TenantSettings;
import io.uplink.credential.tenant.TenantSettingsSource;
import io.uplink.credential.uploadtoken.UploadTokenLimits;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Decides an upload under the tenant's (and the upload token's) rules and quotas and issues the credential its method
 * needs.
 */
@Component
class CredentialMinting {

    private final TenantSettingsSource tenants;
    private final UploadPolicyDecider decider;
    private final UploadCredentials credentials;
    private final SessionGroupCommit newSessions;
    private final TenantStorage tenantStorage;
    private final MultipartUploads multipart;
    private final UploadTokenLimits tokenLimits;
    private final QuotaCheck quotas;
    private final Clock clock;

    CredentialMinting(TenantSettingsSource tenants, UploadTokenLimits tokenLimits, UploadProperties properties,
                      UploadCredentials credentials, SessionGroupCommit newSessions, TenantStorage tenantStorage,
                      MultipartUploads multipart, QuotaCheck quotas, Clock clock) {
        this.quotas = quotas;
        this.tenants = tenants;
        this.decider = new UploadPolicyDecider(properties.multipartThreshold().toBytes());
        this.credentials = credentials;
        this.newSessions = newSessions;
        this.tenantStorage = tenantStorage;
        this.multipart = multipart;
        this.tokenLimits = tokenLimits;
        this.clock = clock;
    }

    /** An exactly sized upload: the method is the client's choice or follows from the size. */
    UploadGrant mint(Caller caller, UploadIntent intent) {
        TenantSettings settings = tenants.settingsFor(caller.tenantId());
        quotas.admit(caller.tenantId(), settings.quotas(), intent.size() == null ? 0 : intent.size());
        StorageTarget target = tenantStorage.forUpload(settings, intent);
        UploadPolicy policy = tokenLimits.admit(caller, settings, decider.decide(caller.tenantId(),
                tokenLimits.narrow(caller, settings), target.bucket(),
                tokenLimits.complete(caller, intent), UploadIds.next(), clock.instant()));
        return grant(policy, target);
    }

    /** Uppy's protocols: no size up front, so the tenant's (or the upload token's) limit is the bound. */
    UploadGrant mintOpenSize(Caller caller, UploadIntent intent) {
        TenantSettings settings = tenants.settingsFor(caller.tenantId());
        quotas.admit(caller.tenantId(), settings.quotas(), 0);
        StorageTarget target = tenantStorage.forUpload(settings, intent);
        return grant(decideOpenSize(caller, settings, target, intent), target);
    }

    /** A multipart session in the tenant's store whose upload the client creates there itself (open size). */
    UploadSession reserveMultipart(Caller caller, UploadIntent intent) {
        TenantSettings settings = tenants.settingsFor(caller.tenantId());
        quotas.admit(caller.tenantId(), settings.quotas(), 0);
        StorageTarget target = tenantStorage.forUpload(settings, intent);
        return multipart.reserve(decideOpenSize(caller, settings, target, intent), target);
    }

    private UploadGrant grant(UploadPolicy policy, StorageTarget target) {
        return switch (policy.method()) {
            case PUT -> record(policy, target, credentials.presignedPut(policy, target));
            case POST -> record(policy, target, credentials.postForm(policy, target));
            case MULTIPART -> multipart.start(policy, target);
        };
    }

    private UploadPolicy decideOpenSize(Caller caller, TenantSettings settings, StorageTarget target,
                                        UploadIntent intent) {
        return tokenLimits.admit(caller, settings, decider.decideOpenSize(caller.tenantId(),
                tokenLimits.narrow(caller, settings), target.bucket(), tokenLimits.complete(caller, intent),
                UploadIds.next(), clock.instant()));
    }

    /** The grant leaves only after its session is committed: a credential never outlives a lost session row. */
    private UploadGrant record(UploadPolicy policy, StorageTarget target, UploadGrant grant) {
        newSessions.insert(UploadSession.pending(policy, target.name()));
        return grant;
    }
}
