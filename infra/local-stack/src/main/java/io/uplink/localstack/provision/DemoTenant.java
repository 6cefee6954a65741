package io.uplink.localstack.provision;

/**
 * What the local stack provisioned for the demo, kept in {@code .uplink-data/demo-tenant.json} because the API key
 * and the webhook secret are shown only once, at creation. Null fields were not provisioned (yet).
 */
public record DemoTenant(String tenantId, String apiKey, String webhookEndpointId, String webhookSecret) {

    public DemoTenant withApiKey(String key) {
        return new DemoTenant(tenantId, key, webhookEndpointId, webhookSecret);
    }

    public DemoTenant withWebhookEndpoint(String endpointId, String secret) {
        return new DemoTenant(tenantId, apiKey, endpointId, secret);
    }
}
