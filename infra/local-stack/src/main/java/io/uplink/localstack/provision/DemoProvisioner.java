package io.uplink.localstack.provision;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionSigner;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sets up the demo: a tenant, an API key and a webhook endpoint pointing at the demo receiver. It talks to the
 * services directly, signing its own identity assertions with the gateway's key, as the gateway would
 * (docs/internal-contracts.md): admin for the tenant registry, the demo tenant for its webhook endpoint, each
 * addressed to the service it calls.
 * A step whose API is not there yet (404/405/501, or an answer without the expected field) is reported and
 * skipped, so the stack still starts while the services are being built.
 */
public final class DemoProvisioner {

    public static final String DEMO_TENANT_ID = "demo";
    private static final String SUBJECT = "local-stack";
    private static final List<String> WEBHOOK_EVENT_TYPES = List.of("file.created", "file.deleted");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final IdentityAssertionSigner signer;
    private final Clock clock;
    private final URI metadataUrl;
    private final URI callbackUrl;
    private final String keyEnvironment;

    /** @param keyEnvironment the environment the gateway accepts keys of ({@code upk_<environment>_…}) */
    /** The browser origins of local development servers, whatever port they pick. */
    public static final List<String> LOOPBACK_ORIGINS = List.of("http://localhost:*", "http://127.0.0.1:*");

    /** @param signer signs as the gateway (the local stack holds its key) */
    public DemoProvisioner(IdentityAssertionSigner signer, Clock clock, URI metadataUrl, URI callbackUrl, String keyEnvironment) {
        this.signer = signer;
        this.keyEnvironment = keyEnvironment;
        this.clock = clock;
        this.metadataUrl = metadataUrl;
        this.callbackUrl = callbackUrl;
    }

    /** What was provisioned, and a line for each step that was skipped and why. */
    public record Outcome(DemoTenant tenant, List<String> notes) {
    }

    /**
     * @param previous what an earlier start provisioned: its key and webhook secret are reused, not re-issued
     */
    public Outcome provision(DemoTenant previous, String receiverUrl) {
        List<String> notes = new ArrayList<>();
        DemoTenant tenant = previous == null ? new DemoTenant(DEMO_TENANT_ID, null, null, null) : previous;

        Answer created = send(metadataUrl.resolve("/api/v1/tenants"), admin(),
                Map.of("id", DEMO_TENANT_ID, "name", "Demo tenant (local stack)"));
        if (!created.succeeded() && created.status() != 409) {
            notes.add(created.explain("create tenant", "POST " + metadataUrl.resolve("/api/v1/tenants")));
            return new Outcome(tenant, notes);
        }

        // every start, so data of an earlier version gains them too: pages served from any loopback port may use
        // the demo tenant's upload tokens
        URI origins = metadataUrl.resolve("/api/v1/tenant/cors-origins");
        Answer allowed = send("PUT", origins, tenant(IdentityAssertion.AUDIENCE_METADATA), Map.of("corsOrigins", LOOPBACK_ORIGINS));
        if (!allowed.succeeded()) {
            notes.add(allowed.explain("allow loopback browser origins", "PUT " + origins));
        }

        if (tenant.apiKey() == null) {
            URI keys = metadataUrl.resolve("/api/v1/tenants/" + DEMO_TENANT_ID + "/api-keys");
            Answer key = send(keys, admin(), Map.of("environment", keyEnvironment));
            String apiKey = key.field("apiKey", "key");
            if (apiKey == null) {
                notes.add(key.explain("issue API key", "POST " + keys));
            } else {
                tenant = tenant.withApiKey(apiKey);
            }
        }

        if (tenant.webhookSecret() == null) {
            URI endpoints = callbackUrl.resolve("/api/v1/webhooks/endpoints");
            Answer endpoint = send(endpoints, tenant(IdentityAssertion.AUDIENCE_CALLBACK), Map.of(
                    "url", receiverUrl,
                    "description", "local stack demo receiver",
                    "eventTypes", WEBHOOK_EVENT_TYPES));
            String secret = endpoint.field("secret");
            if (secret == null) {
                notes.add(endpoint.explain("create webhook endpoint", "POST " + endpoints));
            } else {
                tenant = tenant.withWebhookEndpoint(endpoint.field("id"), secret);
            }
        }
        return new Outcome(tenant, notes);
    }

    /** The tenant and key registry is metadata-service's. */
    private String admin() {
        return signer.sign(new IdentityAssertion(signer.issuer(), IdentityAssertion.AUDIENCE_METADATA, null, SUBJECT,
                List.of(IdentityAssertion.ROLE_ADMIN), clock.instant().plusSeconds(30)));
    }

    private String tenant(String audience) {
        return signer.sign(new IdentityAssertion(signer.issuer(), audience, DEMO_TENANT_ID, SUBJECT,
                List.of(IdentityAssertion.ROLE_TENANT), clock.instant().plusSeconds(30)));
    }

    private Answer send(URI uri, String identity, Object body) {
        return send("POST", uri, identity, body);
    }

    private Answer send(String method, URI uri, String identity, Object body) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header(IdentityAssertion.HEADER, identity)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(EventJson.write(body)))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), null);
        } catch (IOException e) {
            return new Answer(0, "", e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "", "interrupted");
        }
    }

    private record Answer(int status, String body, String failure) {

        boolean succeeded() {
            return status >= 200 && status < 300;
        }

        String field(String... names) {
            if (!succeeded()) {
                return null;
            }
            try {
                JsonNode json = EventJson.mapper().readTree(body);
                for (String name : names) {
                    if (json.hasNonNull(name) && !json.get(name).asString("").isBlank()) {
                        return json.get(name).asString();
                    }
                }
            } catch (RuntimeException e) {
                return null;
            }
            return null;
        }

        String explain(String step, String call) {
            if (failure != null) {
                return step + ": " + call + " failed (" + failure + ")";
            }
            if (status == 404 || status == 405 || status == 501) {
                return step + ": " + call + " answered " + status + " - that API isn't available yet, skipped";
            }
            if (succeeded()) {
                return step + ": " + call + " answered " + status + " without the expected field - skipped: " + abbreviate(body);
            }
            return step + ": " + call + " answered " + status + " - skipped: " + abbreviate(body);
        }

        private static String abbreviate(String text) {
            return text.length() <= 300 ? text : text.substring(0, 300) + "…";
        }
    }
}
