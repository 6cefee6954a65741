package io.uplink.callback.endpoint;

import io.uplink.callback.ApiClient;
import io.uplink.callback.CallbackServiceTest;
import io.uplink.callback.TestEndpoints;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** uplink.callback.endpoints.max-per-tenant, at its default of 20, over HTTP. */
@CallbackServiceTest
class EndpointLimitTest {

    private static final String BASE = "/api/v1/webhooks/endpoints";
    private static final int DEFAULT_LIMIT = 20;

    @LocalServerPort
    int port;

    @Test
    void refusesATenantsEndpointBeyondTheLimitWithAProblemNamingTheRule() {
        String tenant = TestEndpoints.uniqueTenant("limit");
        String lastId = null;
        for (int i = 0; i < DEFAULT_LIMIT; i++) {
            ApiClient.Response created = create(tenant, i);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            lastId = (String) created.json().get("id");
        }

        ApiClient.Response refused = create(tenant, DEFAULT_LIMIT);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json())
                .containsEntry("status", 409)
                .containsEntry("rule", "uplink.callback.endpoints.max-per-tenant")
                .containsEntry("limit", DEFAULT_LIMIT);
        assertThat((String) refused.json().get("detail")).contains("20", "max-per-tenant");
        assertThat(api(tenant).get(BASE + "?limit=100").json().get("data")).asList().hasSize(DEFAULT_LIMIT);

        // another tenant has its own allowance, and deleting an endpoint frees a place
        assertThat(create(TestEndpoints.uniqueTenant("limit-other"), 0).status()).isEqualTo(201);
        assertThat(api(tenant).delete(BASE + "/" + lastId).status()).isEqualTo(204);
        assertThat(create(tenant, DEFAULT_LIMIT).status()).isEqualTo(201);
    }

    private ApiClient.Response create(String tenant, int n) {
        return api(tenant).post(BASE, Map.of("url", "https://8.8.8.8/hooks/" + n));
    }

    private ApiClient api(String tenant) {
        return new ApiClient(port, tenant);
    }
}
