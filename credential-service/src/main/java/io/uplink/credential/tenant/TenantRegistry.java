package io.uplink.credential.tenant;

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
 * metadata-service's tenant registry as credential-service reads it: {@code GET}s under {@code /api/v1/tenants/{id}},
 * calling as {@code credential-service} with an assertion it signs itself (issuer {@code credential}, audience
 * {@code metadata}) for the one role metadata-service hears from it, {@code tenant-reader}
 * (docs/internal-contracts.md). With several instances listed, calls go round them in turn and a call that fails on
 * the way (an instance stopping or gone) is tried on the next, each instance once. Without instances there is no
 * registry: {@link #configured()} is false.
 */
public class TenantRegistry {

    static final String SERVICE_SUBJECT = "credential-service";

    private final HttpClient http;
    private final List<URI> instances;
    private final AtomicInteger next = new AtomicInteger();
    private final Duration timeout;
    private final IdentityAssertionSigner signer;
    private final Clock clock;

    TenantRegistry(HttpClient http, List<URI> instances, Duration timeout, IdentityAssertionSigner signer, Clock clock) {
        this.http = http;
        this.instances = List.copyOf(instances);
        this.timeout = timeout;
        this.signer = signer;
        this.clock = clock;
    }

    public boolean configured() {
        return !instances.isEmpty();
    }

    /**
     * {@code GET /api/v1/tenants/{tenantId}{subPath}}; safe to repeat, so a failure on the way moves on to the next
     * instance.
     *
     * @throws TenantLookupFailedException when no instance could be reached
     */
    public HttpResponse<byte[]> get(String tenantId, String subPath) {
        if (!configured()) {
            throw new IllegalStateException("no tenant registry configured (uplink.credential.tenants.metadata-instances)");
        }
        String assertion = signer.sign(new IdentityAssertion(signer.issuer(), IdentityAssertion.AUDIENCE_METADATA, null,
                SERVICE_SUBJECT, List.of(IdentityAssertion.ROLE_TENANT_READER), clock.instant().plusSeconds(30)));
        int first = Math.floorMod(next.getAndIncrement(), instances.size());
        IOException last = null;
        for (int i = 0; i < instances.size(); i++) {
            URI uri = URI.create(stripTrailingSlash(instances.get((first + i) % instances.size()).toString())
                    + "/api/v1/tenants/" + URLEncoder.encode(tenantId, StandardCharsets.UTF_8) + subPath);
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
}
