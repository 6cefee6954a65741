package io.uplink.acceptance;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An operator of the platform, signed in through the identity provider, using the admin APIs through the gateway. */
final class PlatformAdmin {

    private static final Duration TOKEN_VALIDITY = Duration.ofMinutes(10);

    private final Gateway gateway;
    private String token;
    private Instant tokenRenewal = Instant.EPOCH;

    PlatformAdmin(String gatewayUrl, IdentityProvider identityProvider) {
        this.gateway = new Gateway(gatewayUrl, () -> currentToken(identityProvider));
    }

    private synchronized String currentToken(IdentityProvider identityProvider) {
        if (Instant.now().isAfter(tokenRenewal)) {
            token = identityProvider.adminToken("ops@acceptance", TOKEN_VALIDITY);
            tokenRenewal = Instant.now().plus(TOKEN_VALIDITY.dividedBy(2));
        }
        return token;
    }

    Gateway gateway() {
        return gateway;
    }

    void createTenant(String tenantId, String name) {
        Gateway.Answer created = gateway.post("/api/v1/tenants", Map.of("id", tenantId, "name", name));
        assertThat(created.status()).as("create tenant %s: %s", tenantId, created.body()).isEqualTo(201);
    }

    /** Issues an API key of the local stack's environment; the key is shown only in this answer. */
    String issueApiKey(String tenantId) {
        Gateway.Answer issued = gateway.post("/api/v1/tenants/" + tenantId + "/api-keys", Map.of("environment", "local"));
        assertThat(issued.status()).as("issue key for %s: %s", tenantId, issued.body()).isEqualTo(201);
        return issued.json().path("apiKey").asString();
    }

    /** Every file of a tenant whose key starts with the prefix, all pages, as the metadata API lists them. */
    List<JsonNode> filesOf(String tenantId, String keyPrefix) {
        List<JsonNode> files = new ArrayList<>();
        String cursor = null;
        do {
            Gateway.Answer page = gateway.get("/api/v1/files?tenantId=" + Gateway.query(tenantId)
                    + "&keyPrefix=" + Gateway.query(keyPrefix) + "&limit=100"
                    + (cursor == null ? "" : "&cursor=" + Gateway.query(cursor)));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            JsonNode body = page.json();
            body.path("items").forEach(files::add);
            cursor = body.path("nextCursor").isNull() || body.path("nextCursor").isMissingNode()
                    ? null : body.path("nextCursor").asString();
        } while (cursor != null);
        return files;
    }
}
