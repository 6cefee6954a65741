package io.uplink.credential.tenant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.uplink.contracts.EventJson;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionCodec;

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

/**
 * Reads settings from metadata-service's {@code GET /api/v1/tenants/{id}}, calling as {@code credential-service}
 * with role admin (docs/internal-contracts.md).
 */
class HttpTenantSettingsSource implements TenantSettingsSource {

    static final String SERVICE_SUBJECT = "credential-service";

    private final HttpClient http;
    private final URI baseUrl;
    private final Duration timeout;
    private final IdentityAssertionCodec codec;
    private final Clock clock;
    private final TenantSettings defaults;

    HttpTenantSettingsSource(HttpClient http, URI baseUrl, Duration timeout, IdentityAssertionCodec codec, Clock clock,
                             TenantSettings defaults) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.codec = codec;
        this.clock = clock;
        this.defaults = defaults;
    }

    @Override
    public TenantSettings settingsFor(String tenantId) {
        String assertion = codec.sign(new IdentityAssertion(null, SERVICE_SUBJECT, List.of(IdentityAssertion.ROLE_ADMIN),
                clock.instant().plusSeconds(30)));
        URI uri = URI.create(stripTrailingSlash(baseUrl.toString()) + "/api/v1/tenants/"
                + URLEncoder.encode(tenantId, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header(IdentityAssertion.HEADER, assertion)
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new TenantLookupFailedException("tenant registry unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TenantLookupFailedException("interrupted while asking the tenant registry", e);
        }
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
