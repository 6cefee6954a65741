package io.uplink.metadata.web;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.metadata.Identities;
import io.uplink.metadata.MetadataServiceTest;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * This instance's own Postgres goes away. The API (the gateway's API-key lookup included) must answer a 503 problem
 * with {@code Retry-After}, not a 500: the gateway and clients treat the first as "retry shortly", the second as a bug.
 */
@UplinkInfrastructure({Infra.KAFKA, Infra.S3})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        TestIdentityKeys.TRUSTED_KEYS_PROPERTY,
        "spring.datasource.hikari.connection-timeout=1500",
        // this context must not take the shared context's partitions nor replicate its own outbox
        "spring.kafka.listener.auto-startup=false",
        "uplink.metadata.outbox.relay.enabled=false"})
class ApiWhilePostgresIsDownTest {

    private static final EmbeddedPostgresServer OWN_POSTGRES = EmbeddedPostgresServer.start(0, null);
    private static final String UNKNOWN_KEY_HASH = "0".repeat(64);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void ownPostgres(DynamicPropertyRegistry registry) {
        OWN_POSTGRES.endpoint().registerAsDataSource(registry);
    }

    @AfterAll
    static void stop() {
        OWN_POSTGRES.close();
    }

    @Test
    void readsAndWritesDuringADatabaseOutageAre503ProblemsWithRetryAfter() throws Exception {
        assertThat(get("/api/v1/tenants", Identities.admin()).statusCode()).isEqualTo(200);

        OWN_POSTGRES.close();

        assertUnavailable(get("/api/v1/tenants", Identities.admin()));
        assertUnavailable(get("/internal/v1/api-keys/" + UNKNOWN_KEY_HASH, Identities.admin()));
        assertUnavailable(get("/api/v1/files", Identities.tenant("db-outage")));
        assertUnavailable(send(HttpRequest.newBuilder(uri("/api/v1/tenants"))
                .header(IdentityAssertion.HEADER, Identities.admin())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EventJson.writeString(
                        Map.of("id", "db-outage", "name", "Outage Inc"))))));
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
        assertThat(EventJson.read(response.body(), Map.class)).containsEntry("status", 503).containsKey("detail");
    }

    private HttpResponse<String> get(String path, String identity) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header(IdentityAssertion.HEADER, identity).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
