package io.uplink.acceptance;

import io.uplink.contracts.EventJson;
import io.uplink.localstack.webhook.DemoWebhookReceiver;
import io.uplink.localstack.webhook.DemoWebhookReceiver.VerifiedDelivery;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant as the platform onboards it: registered by an admin, given an API key, running its own backend that
 * receives and verifies its webhooks (a {@link DemoWebhookReceiver} on its own port), registered as a webhook
 * endpoint through the gateway with the tenant's key.
 */
final class TenantBackend implements AutoCloseable {

    private final String tenantId;
    private final String apiKey;
    private final Gateway gateway;
    private final DemoWebhookReceiver receiver;
    private final String endpointId;

    private TenantBackend(String tenantId, String apiKey, Gateway gateway, DemoWebhookReceiver receiver, String endpointId) {
        this.tenantId = tenantId;
        this.apiKey = apiKey;
        this.gateway = gateway;
        this.receiver = receiver;
        this.endpointId = endpointId;
    }

    static TenantBackend onboard(String gatewayUrl, PlatformAdmin admin, String label) {
        String tenantId = label + "-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createTenant(tenantId, label + " (acceptance)");
        String apiKey = admin.issueApiKey(tenantId);
        Gateway gateway = new Gateway(gatewayUrl, () -> apiKey);
        DemoWebhookReceiver receiver;
        try {
            receiver = DemoWebhookReceiver.start(0, new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A tenant whose uploads the store announces (browser uploads) also learns their uploaders by file.updated.
        List<String> eventTypes = label.startsWith(RunningSuite.BROWSER_TENANTS)
                ? List.of("file.created", "file.updated", "file.deleted") : List.of("file.created", "file.deleted");
        Gateway.Answer endpoint = gateway.post("/api/v1/webhooks/endpoints", Map.of(
                "url", receiver.url(), "description", tenantId + " backend", "eventTypes", eventTypes));
        assertThat(endpoint.status()).as("register webhook endpoint: %s", endpoint.body()).isEqualTo(201);
        receiver.trust(endpoint.json().path("secret").asString());
        return new TenantBackend(tenantId, apiKey, gateway, receiver, endpoint.json().path("id").asString());
    }

    String tenantId() {
        return tenantId;
    }

    String apiKey() {
        return apiKey;
    }

    /** The gateway, called with this tenant's API key. */
    Gateway gateway() {
        return gateway;
    }

    String webhookEndpointId() {
        return endpointId;
    }

    String keyPrefix() {
        return "tenants/" + tenantId + "/";
    }

    /** Verified webhooks this tenant's backend received for one object key (redeliveries included). */
    List<VerifiedDelivery> webhooksFor(String key) {
        return receiver.deliveries().stream().filter(delivery -> key.equals(dataOf(delivery).path("key").asString(""))).toList();
    }

    List<VerifiedDelivery> webhooks() {
        return receiver.deliveries();
    }

    int rejectedWebhooks() {
        return receiver.rejectedDeliveries();
    }

    static JsonNode dataOf(VerifiedDelivery delivery) {
        return EventJson.mapper().readTree(delivery.body()).path("data");
    }

    static String typeOf(VerifiedDelivery delivery) {
        return EventJson.mapper().readTree(delivery.body()).path("type").asString("");
    }

    @Override
    public void close() {
        receiver.close();
    }
}
