package io.uplink.callback.endpoint;

import io.uplink.callback.ApiClient;
import io.uplink.callback.ApiClient.Response;
import io.uplink.callback.CallbackServiceTest;
import io.uplink.callback.TestEndpoints;
import io.uplink.callback.secretstore.SecretCipher;
import io.uplink.callback.secretstore.SecretColumn;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.testsupport.identity.TestIdentityKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@CallbackServiceTest
class EndpointApiTest {

    private static final String BASE = "/api/v1/webhooks/endpoints";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SecretCipher secrets;

    private ApiClient as(String tenant) {
        return new ApiClient(port, tenant);
    }

    @Test
    void refusesARequestWithoutAnIdentityAssertionWith401ProblemJson() {
        Response response = as(null).get(BASE);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json()).containsEntry("status", 401).containsKey("detail");
    }

    @Test
    void refusesAForgedIdentityAssertion() {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String forged = "eyJ0ZW5hbnRJZCI6ImV2aWwifQ.c2lnbmF0dXJl";
        int status = sendRaw(http, forged);
        assertThat(status).isEqualTo(401);
    }

    @Test
    void refusesAnExpiredIdentityAssertion() {
        String expired = ApiClient.identity("acme", List.of("tenant"), Instant.now().minusSeconds(1));

        assertThat(sendRaw(java.net.http.HttpClient.newHttpClient(), expired)).isEqualTo(401);
    }

    @Test
    void refusesAnAssertionTheGatewaySignedForAnotherService() {
        String forMetadata = TestIdentityKeys.fromGateway(IdentityAssertion.AUDIENCE_METADATA, "acme", "key_test",
                List.of(IdentityAssertion.ROLE_TENANT));

        assertThat(sendRaw(java.net.http.HttpClient.newHttpClient(), forMetadata)).isEqualTo(401);
    }

    @Test
    void refusesAGatewayAssertionSignedWithAKeyNotTrustedForTheGateway() {
        String rogue = TestIdentityKeys.rogue(IdentityAssertion.ISSUER_GATEWAY).sign(new IdentityAssertion(
                IdentityAssertion.ISSUER_GATEWAY, IdentityAssertion.AUDIENCE_CALLBACK, "acme", "key_test",
                List.of(IdentityAssertion.ROLE_TENANT), Instant.now().plusSeconds(30)));

        assertThat(sendRaw(java.net.http.HttpClient.newHttpClient(), rogue)).isEqualTo(401);
    }

    @Test
    void hearsNoOtherIssuerThanTheGatewayEvenUnderATrustedKey() {
        // the tests trust credential-service's key here too; callback-service still hears only the gateway
        for (List<String> roles : List.of(List.of(IdentityAssertion.ROLE_ADMIN), List.of(IdentityAssertion.ROLE_TENANT),
                List.of(IdentityAssertion.ROLE_TENANT_READER))) {
            String fromCredential = TestIdentityKeys.credential().sign(new IdentityAssertion(
                    IdentityAssertion.ISSUER_CREDENTIAL, IdentityAssertion.AUDIENCE_CALLBACK,
                    roles.contains(IdentityAssertion.ROLE_TENANT) ? "acme" : null, "credential-service", roles,
                    Instant.now().plusSeconds(30)));

            assertThat(sendRaw(java.net.http.HttpClient.newHttpClient(), fromCredential)).as("%s", roles).isEqualTo(401);
        }
    }

    @Test
    void refusesAnAdminWithoutATenantWith403() {
        String admin = ApiClient.identity(null, List.of("admin"), Instant.now().plusSeconds(30));

        assertThat(sendRaw(java.net.http.HttpClient.newHttpClient(), admin)).isEqualTo(403);
    }

    @Test
    void createsAnEndpointAndShowsItsSecretOnlyOnce() {
        String tenant = TestEndpoints.uniqueTenant("api");
        Response created = as(tenant).post(BASE, Map.of("url", "http://127.0.0.1:9/hook", "description", "orders",
                "eventTypes", List.of("file.created"), "rateLimit", 20, "metadata", Map.of("team", "storage")));

        assertThat(created.status()).isEqualTo(201);
        Map<String, Object> body = created.json();
        assertThat((String) body.get("secret")).startsWith("whsec_");
        assertThat(body).containsEntry("url", "http://127.0.0.1:9/hook").containsEntry("description", "orders")
                .containsEntry("eventTypes", List.of("file.created")).containsEntry("rateLimit", 20)
                .containsEntry("metadata", Map.of("team", "storage")).containsEntry("enabled", true);

        Response fetched = as(tenant).get(BASE + "/" + body.get("id"));
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).containsEntry("id", body.get("id")).doesNotContainKey("secret");
        assertThat(fetched.body()).doesNotContain((String) body.get("secret"));
        // stored encrypted (SecretCipherInPostgresTest has the details)
        assertThat(jdbc.sql("select secret from endpoints where id = ?").param(UUID.fromString((String) body.get("id")))
                .query(String.class).single()).startsWith("v1:").doesNotContain((String) body.get("secret"));
    }

    @Test
    void anotherTenantCannotSeeChangeOrDeleteTheEndpoint() {
        String owner = TestEndpoints.uniqueTenant("owner");
        String other = TestEndpoints.uniqueTenant("other");
        String id = (String) as(owner).post(BASE, Map.of("url", "http://127.0.0.1:9/hook")).json().get("id");

        assertThat(as(other).get(BASE + "/" + id).status()).isEqualTo(404);
        assertThat(as(other).put(BASE + "/" + id, Map.of("url", "http://127.0.0.1:9/x")).status()).isEqualTo(404);
        assertThat(as(other).post(BASE + "/" + id + "/disable", Map.of()).status()).isEqualTo(404);
        assertThat(as(other).post(BASE + "/" + id + "/secret/rotate", null).status()).isEqualTo(404);
        assertThat(as(other).delete(BASE + "/" + id).status()).isEqualTo(404);
        assertThat(as(other).get(BASE).json().get("data")).isEqualTo(List.of());
        assertThat(as(owner).get(BASE + "/" + id).status()).isEqualTo(200);
    }

    @Test
    void updatesDisablesEnablesAndDeletes() {
        String tenant = TestEndpoints.uniqueTenant("life");
        ApiClient api = as(tenant);
        String id = (String) api.post(BASE, Map.of("url", "http://127.0.0.1:9/hook")).json().get("id");

        Map<String, Object> updated = api.put(BASE + "/" + id, Map.of("url", "http://127.0.0.1:10/new",
                "description", "new", "eventTypes", List.of("file.deleted"))).json();
        assertThat(updated).containsEntry("url", "http://127.0.0.1:10/new").containsEntry("description", "new")
                .containsEntry("eventTypes", List.of("file.deleted"));

        Map<String, Object> disabled = api.post(BASE + "/" + id + "/disable", Map.of("reason", "maintenance")).json();
        assertThat(disabled).containsEntry("enabled", false).containsEntry("disabledReason", "maintenance");
        assertThat(api.post(BASE + "/" + id + "/test", null).status()).isEqualTo(400);

        Map<String, Object> enabled = api.post(BASE + "/" + id + "/enable", null).json();
        assertThat(enabled).containsEntry("enabled", true).containsEntry("disabledReason", null);

        assertThat(api.delete(BASE + "/" + id).status()).isEqualTo(204);
        assertThat(api.get(BASE + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void listsPageByPageWithACursor() {
        String tenant = TestEndpoints.uniqueTenant("pages");
        ApiClient api = as(tenant);
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(api.post(BASE, Map.of("url", "http://127.0.0.1:9/hook" + i)).json().get("id"));
        }

        List<Object> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> page = api.get(BASE + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            ((List<?>) page.get("data")).forEach(endpoint -> seen.add(((Map<?, ?>) endpoint).get("id")));
            cursor = (String) page.get("nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(pages).isEqualTo(3);
        for (String limit : List.of("-1", "0", "101", "1000000")) {
            assertThat(api.get(BASE + "?limit=" + limit).status()).as("limit %s", limit).isEqualTo(400);
        }
    }

    @Test
    void rotatingTheSecretKeepsThePreviousOneSigningFor24Hours() {
        String tenant = TestEndpoints.uniqueTenant("rotate");
        ApiClient api = as(tenant);
        Map<String, Object> created = api.post(BASE, Map.of("url", "http://127.0.0.1:9/hook")).json();

        Response rotated = api.post(BASE + "/" + created.get("id") + "/secret/rotate", null);

        assertThat(rotated.status()).isEqualTo(200);
        String fresh = (String) rotated.json().get("secret");
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(created.get("secret"));
        Map<String, Object> row = jdbc.sql("select secret, previous_secret, previous_secret_expires_at from endpoints where id = ?")
                .param(UUID.fromString((String) created.get("id"))).query().singleRow();
        UUID id = UUID.fromString((String) created.get("id"));
        assertThat(secrets.open((String) row.get("secret"), id, SecretColumn.SECRET).value()).isEqualTo(fresh);
        assertThat(secrets.open((String) row.get("previous_secret"), id, SecretColumn.PREVIOUS_SECRET).value())
                .isEqualTo(created.get("secret"));
        Instant expiresAt = ((java.sql.Timestamp) row.get("previous_secret_expires_at")).toInstant();
        assertThat(Duration.between(Instant.now(), expiresAt).toMinutes()).isCloseTo(24 * 60, within(2L));
    }

    @Test
    void queuesATestEventForThatEndpointOnly() {
        String tenant = TestEndpoints.uniqueTenant("testevent");
        ApiClient api = as(tenant);
        String id = (String) api.post(BASE, Map.of("url", "http://127.0.0.1:9/hook",
                "eventTypes", List.of("file.deleted"))).json().get("id");
        api.post(BASE, Map.of("url", "http://127.0.0.1:9/other"));

        Response sent = api.post(BASE + "/" + id + "/test", Map.of("eventType", "file.created"));

        assertThat(sent.status()).isEqualTo(202);
        UUID messageId = UUID.fromString((String) sent.json().get("messageId"));
        List<UUID> endpoints = jdbc.sql("select endpoint_id from deliveries where message_id = ?")
                .param(messageId).query(UUID.class).list();
        assertThat(endpoints).containsExactly(UUID.fromString(id));
        String payload = jdbc.sql("select payload from messages where id = ?").param(messageId).query(String.class).single();
        assertThat(payload).contains("\"type\":\"file.created\"", "\"uplinkTest\":\"true\"");
    }

    @Test
    void anEndpointCanSubscribeToRejectedFilesAndBeSentASampleOfThem() {
        String tenant = TestEndpoints.uniqueTenant("rejected");
        ApiClient api = as(tenant);
        Map<String, Object> created = api.post(BASE, Map.of("url", "http://127.0.0.1:9/quarantine",
                "eventTypes", List.of("file.rejected"))).json();
        assertThat(created).containsEntry("eventTypes", List.of("file.rejected"));

        Response sent = api.post(BASE + "/" + created.get("id") + "/test", Map.of("eventType", "file.rejected"));

        assertThat(sent.status()).isEqualTo(202);
        String payload = jdbc.sql("select payload from messages where id = ?")
                .param(UUID.fromString((String) sent.json().get("messageId"))).query(String.class).single();
        assertThat(payload).contains("\"type\":\"file.rejected\"", "\"status\":\"rejected\"", "\"rejectionReason\":");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "private target      | {\"url\":\"https://10.0.0.7/hook\"}                                   | private network",
            "cloud metadata      | {\"url\":\"http://169.254.169.254/latest/meta-data\"}                 | link-local",
            "other loopback      | {\"url\":\"http://127.0.0.2:8080/hook\"}                              | loopback",
            "IPv6 loopback       | {\"url\":\"http://[::1]/hook\"}                                       | IPv6 loopback",
            "not a url           | {\"url\":\"::not a url::\"}                                           | url",
            "no url              | {\"description\":\"x\"}                                               | url",
            "unknown event type  | {\"url\":\"http://127.0.0.1:9/h\",\"eventTypes\":[\"file.exploded\"]} | unknown event types",
            "rate limit zero     | {\"url\":\"http://127.0.0.1:9/h\",\"rateLimit\":0}                    | rateLimit",
            "not json            | {\"url\":                                                             | Failed to read request"})
    void rejectsBadInputWith400ProblemJson(String name, String body, String detail) {
        Response response = as(TestEndpoints.uniqueTenant("bad")).post(BASE, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).contains(detail);
    }

    @Test
    void rejectsAnOversizeDescription() {
        Response response = as(TestEndpoints.uniqueTenant("bad")).post(BASE,
                Map.of("url", "http://127.0.0.1:9/h", "description", "d".repeat(513)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).contains("description");
    }

    private int sendRaw(java.net.http.HttpClient http, String identity) {
        try {
            return http.send(java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://127.0.0.1:" + port + BASE))
                            .header("X-Uplink-Identity", identity).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
