package io.uplink.credential.tenant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.uplink.contracts.EventJson;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionSigner;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads settings from metadata-service's {@code GET /api/v1/tenants/{id}}, calling as {@code credential-service}
 * with an assertion it signs itself (issuer {@code credential}, audience {@code metadata}) for the one role
 * metadata-service hears from it, {@code tenant-reader} (docs/internal-contracts.md). With several instances listed, calls go round them in turn and a
 * lookup that fails on the way (an instance stopping or gone) is tried on the next, each instance once.
 */
class HttpTenantSettingsSource implements TenantSettingsSource {

    static final String SERVICE_SUBJECT = "credential-service";

    private final HttpClient http;
    private final List<URI> instances;
    private final AtomicInteger next = new AtomicInteger();
    private final Duration timeout;
    private final IdentityAssertionSigner signer;
    private final Clock clock;
    private final TenantSettings defaults;

    HttpTenantSettingsSource(HttpClient http, List<URI> instances, Duration timeout, IdentityAssertionSigner signer, Clock clock,
                             TenantSettings defaults) {
        this.http = http;
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("at least one metadata-service instance is needed");
        }
        this.instances = List.copyOf(instances);
        this.timeout = timeout;
        this.signer = signer;
        this.clock = clock;
        this.defaults = defaults;
    }

    @Override
    public TenantSettings settingsFor(String tenantId) {
        String assertion = signer.sign(new IdentityAssertion(signer.issuer(), IdentityAssertion.AUDIENCE_METADATA, null,
                SERVICE_SUBJECT, List.of(IdentityAssertion.ROLE_TENANT_READER), clock.instant().plusSeconds(30)));
        HttpResponse<byte[]> response = lookUp(tenantId, assertion);
        if (response.statusCode() == 404) {
            throw new TenantUnavailableException("tenant '" + tenantId + "' is not registered");
        }
        if (response.statusCode() != 200) {
            throw new TenantLookupFailedException("tenant registry answered " + response.statusCode(), null);
        }
        TenantDocument tenant;
        try {
            tenant = EventJson.mapper().readValue(response.body(), TenantDocument.class);
        } catch (RuntimeException e) {
            throw new TenantLookupFailedException("tenant registry sent an unreadable tenant document", e);
        }
        if (!"active".equalsIgnoreCase(tenant.status())) {
            throw new TenantUnavailableException("tenant '" + tenantId + "' is " + tenant.status());
        }
        return tenant.settings() == null ? defaults : tenant.settings().withDefaults(defaults);
    }

    /** GET is safe to repeat, so a failure on the way moves on to the next instance. */
    private HttpResponse<byte[]> lookUp(String tenantId, String assertion) {
        int first = Math.floorMod(next.getAndIncrement(), instances.size());
        IOException last = null;
        for (int i = 0; i < instances.size(); i++) {
            URI uri = URI.create(stripTrailingSlash(instances.get((first + i) % instances.size()).toString())
                    + "/api/v1/tenants/" + URLEncoder.encode(tenantId, StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                    .header(IdentityAssertion.HEADER, assertion)
                    .header("Accept", "application/json")
                    .GET().build();
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TenantLookupFailedException("interrupted while asking the tenant registry", e);
            }
        }
        throw new TenantLookupFailedException("tenant registry unreachable: " + last.getMessage(), last);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TenantDocument(String id, String status, RegistrySettings settings) {
    }

    /** The registry may leave any field out; boxed so that absence is visible. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RegistrySettings(Long maxObjectSize, List<String> allowedContentTypes, Long credentialTtlSeconds,
                            String storageTarget) {

        TenantSettings withDefaults(TenantSettings defaults) {
            return new TenantSettings(
                    maxObjectSize != null && maxObjectSize > 0 ? maxObjectSize : defaults.maxObjectSize(),
                    allowedContentTypes == null || allowedContentTypes.isEmpty() ? defaults.allowedContentTypes()
                            : allowedContentTypes,
                    credentialTtlSeconds != null && credentialTtlSeconds > 0 ? credentialTtlSeconds
                            : defaults.credentialTtlSeconds(),
                    storageTarget == null || storageTarget.isBlank() ? defaults.storageTarget() : storageTarget);
        }
    }
}
