package io.uplink.gateway.auth;

import io.uplink.gateway.identity.Caller;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.InvalidIdentityException;
import io.uplink.contracts.identity.UploadToken;
import io.uplink.contracts.identity.UploadTokenVerifier;
import io.uplink.gateway.problem.GatewayProblemException;
import io.uplink.gateway.routing.RouteIds;
import io.uplink.gateway.tenant.TenantSettingsSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Accepts an end user's upload token by its signature alone (no lookup per request), on the upload paths only.
 * Revocation and the token's totals are enforced by credential-service, which every upload path reaches.
 */
@Component
public class UploadTokenAuthenticator {

    private final UploadTokenVerifier codec;
    private final TenantSettingsSource tenantSettings;

    public UploadTokenAuthenticator(UploadTokenVerifier codec, TenantSettingsSource tenantSettings) {
        this.codec = codec;
        this.tenantSettings = tenantSettings;
    }

    public Mono<Caller> authenticate(String value, String path) {
        UploadToken token;
        try {
            token = codec.verify(value);
        } catch (InvalidIdentityException e) {
            return Mono.error(AuthenticationFilter.unauthorized(e.getMessage()));
        }
        if (!RouteIds.isUploadPath(path)) {
            return Mono.error(new GatewayProblemException(HttpStatus.FORBIDDEN, "Forbidden",
                    "an upload token is accepted on the upload routes only"));
        }
        return tenantSettings.tenant(token.tenantId())
                .onErrorReturn(java.util.Optional.empty())
                .map(tenant -> new Caller(token.tenantId(), token.subject(), List.of(IdentityAssertion.ROLE_UPLOADER),
                        SuspendedTenants.refuse(tenant).map(TenantSettingsSource.Tenant::settings).orElse(null), token));
    }
}
