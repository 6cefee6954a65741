package io.uplink.bench.gateway;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionSigner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The tenant the benchmark uploads as, created through metadata-service's admin API (signed as an admin, as
 * service-to-service callers do), with a rate limit far above what the machine can drive so the gateway never
 * throttles, and an API key of the gateway's environment.
 */
record BenchTenant(String tenantId, String apiKey) {

    private static final int UNTHROTTLED = 1_000_000;

    static BenchTenant create(URI metadataUrl, IdentityAssertionSigner codec, Clock clock) throws IOException, InterruptedException {
        String tenantId = "bench-gw-" + Long.toHexString(clock.millis());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String admin = codec.sign(new IdentityAssertion(codec.issuer(), IdentityAssertion.AUDIENCE_METADATA, null, "bench",
                List.of(IdentityAssertion.ROLE_ADMIN), clock.instant().plusSeconds(30)));
        post(client, metadataUrl.resolve("/api/v1/tenants"), admin, Map.of(
                "id", tenantId,
                "name", "gateway-overhead benchmark",
                "settings", Map.of("rateLimit", Map.of("requestsPerSecond", UNTHROTTLED, "burst", UNTHROTTLED))));
        String answer = post(client, metadataUrl.resolve("/api/v1/tenants/" + tenantId + "/api-keys"), admin,
                Map.of("environment", ServiceStack.KEY_ENVIRONMENT));
        String apiKey = EventJson.mapper().readTree(answer).get("apiKey").asString();
        return new BenchTenant(tenantId, apiKey);
    }

    private static String post(HttpClient client, URI uri, String identity, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header(IdentityAssertion.HEADER, identity)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.write(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
