package io.uplink.callback.web;

import io.uplink.callback.ApiClient;
import io.uplink.callback.CallbackServiceTest;
import io.uplink.contracts.EventJson;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.testsupport.EmbeddedPostgresServer;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.identity.TestIdentityKeys;
import io.uplink.testsupport.UplinkInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * This instance's own Postgres goes away. The API must answer a 503 problem with {@code Retry-After}, not a 500:
 * the gateway and clients treat the first as "retry shortly", the second as a bug.
 */
@UplinkInfrastructure(Infra.KAFKA)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        TestIdentityKeys.TRUSTED_KEYS_PROPERTY,
        "uplink.callback.secret-encryption.keys=" + CallbackServiceTest.SECRET_ENCRYPTION_KEYS,
        "spring.datasource.hikari.connection-timeout=1500",
        "uplink.callback.endpoints.allow-http=true",
        "uplink.callback.endpoints.allowed-networks=127.0.0.1/32",
        // this context must not take the shared context's partitions of uplink.files.events, nor send anything
        "spring.kafka.listener.auto-startup=false",
        "uplink.callback.delivery.enabled=false"})
class ApiWhilePostgresIsDownTest {

    private static final String BASE = "/api/v1/webhooks/endpoints";
    private static final EmbeddedPostgresServer OWN_POSTGRES = EmbeddedPostgresServer.start(0, null);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void ownPostgres(DynamicPropertyRegistry registry) {
        OWN_POSTGRES.endpoint().registerAsDataSource(registry);
        registry.add("spring.kafka.consumer.group-id", () -> "callback-db-outage-" + UUID.randomUUID());
    }

    @AfterAll
    static void stop() {
        OWN_POSTGRES.close();
    }

    @Test
    void readsAndWritesDuringADatabaseOutageAre503ProblemsWithRetryAfter() throws Exception {
        String tenant = "db-outage-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> endpoint = Map.of("url", "http://127.0.0.1:9/hook");
        assertThat(new ApiClient(port, tenant).post(BASE, endpoint).status()).isEqualTo(201);

        OWN_POSTGRES.close();

        assertUnavailable(send(tenant, "GET", BASE, null));
        assertUnavailable(send(tenant, "POST", BASE, endpoint));
        assertUnavailable(send(tenant, "GET", "/api/v1/webhooks/messages", null));
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
        assertThat(EventJson.read(response.body(), Map.class)).containsEntry("status", 503).containsKey("detail");
    }

    private HttpResponse<String> send(String tenant, String method, String path, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(EventJson.writeString(body)))
                .header("Content-Type", "application/json")
                .header(IdentityAssertion.HEADER, ApiClient.identity(tenant, List.of(IdentityAssertion.ROLE_TENANT),
                        Instant.now().plusSeconds(30)))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
