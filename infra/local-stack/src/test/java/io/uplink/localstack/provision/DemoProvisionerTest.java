package io.uplink.localstack.provision;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.uplink.contracts.EventJson;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionVerifier;
import io.uplink.contracts.identity.IdentityKeys;
import io.uplink.localstack.launch.LocalIdentityKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against a local HTTP server that answers like metadata-service and callback-service will per
 * docs/internal-contracts.md, including checking the identity assertion, or answers 404 while an API is missing.
 */
class DemoProvisionerTest {

    private static final String RECEIVER = "http://127.0.0.1:18090/webhooks";

    /** As the services verify: the gateway's public key, each for its own audience. */
    private final Map<String, IdentityAssertionVerifier> services = Map.of(
            "metadata", verifier(IdentityAssertion.AUDIENCE_METADATA),
            "callback", verifier(IdentityAssertion.AUDIENCE_CALLBACK));
    private final Map<String, Integer> answers = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, IdentityAssertion> identities = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> bodies = new ConcurrentHashMap<>();
    private HttpServer server;
    private DemoProvisioner provisioner;

    @TempDir
    Path dataDirectory;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        provisioner = new DemoProvisioner(LocalIdentityKeys.gateway(), Clock.systemUTC(), base, base, "local");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void createsTheTenantItsKeyAndAWebhookEndpointForTheReceiver() {
        DemoProvisioner.Outcome outcome = provisioner.provision(null, RECEIVER);

        assertThat(outcome.notes()).isEmpty();
        assertThat(outcome.tenant()).isEqualTo(new DemoTenant("demo", "upk_local_0123456789abcdefghijABCDEFGHIJkl", "ep_1", "whsec_c2VjcmV0"));
        assertThat(calls).containsExactly("POST /api/v1/tenants", "PUT /api/v1/tenant/cors-origins",
                "POST /api/v1/tenants/demo/api-keys", "POST /api/v1/webhooks/endpoints");
        assertThat(identities.get("PUT /api/v1/tenant/cors-origins").tenantId()).isEqualTo("demo");
        assertThat(bodies.get("PUT /api/v1/tenant/cors-origins").get("corsOrigins").toString())
                .isEqualTo("[\"http://localhost:*\",\"http://127.0.0.1:*\"]");
        assertThat(identities.get("POST /api/v1/tenants").isAdmin()).isTrue();
        assertThat(identities.get("POST /api/v1/tenants/demo/api-keys").isAdmin()).isTrue();
        assertThat(identities.get("POST /api/v1/webhooks/endpoints").tenantId()).isEqualTo("demo");
        assertThat(identities.get("POST /api/v1/webhooks/endpoints").roles()).containsExactly("tenant");
        assertThat(bodies.get("POST /api/v1/tenants").get("id").asString()).isEqualTo("demo");
        assertThat(bodies.get("POST /api/v1/tenants/demo/api-keys").get("environment").asString()).isEqualTo("local");
        JsonNode endpoint = bodies.get("POST /api/v1/webhooks/endpoints");
        assertThat(endpoint.get("url").asString()).isEqualTo(RECEIVER);
        assertThat(endpoint.get("eventTypes").toString()).contains("file.created", "file.deleted");
    }

    @Test
    void anExistingTenantIsFineAndItsSavedKeyAndSecretAreReused() {
        answers.put("POST /api/v1/tenants", 409);
        DemoTenant saved = new DemoTenant("demo", "upk_local_saved", "ep_saved", "whsec_saved");

        DemoProvisioner.Outcome outcome = provisioner.provision(saved, RECEIVER);

        assertThat(outcome.notes()).isEmpty();
        assertThat(outcome.tenant()).isEqualTo(saved);
        assertThat(calls).containsExactly("POST /api/v1/tenants", "PUT /api/v1/tenant/cors-origins");
    }

    @Test
    void skipsWithANoteWhileTheTenantApiDoesNotExist() {
        answers.put("POST /api/v1/tenants", 404);

        DemoProvisioner.Outcome outcome = provisioner.provision(null, RECEIVER);

        assertThat(outcome.tenant().apiKey()).isNull();
        assertThat(outcome.tenant().webhookSecret()).isNull();
        assertThat(outcome.notes()).singleElement().asString()
                .contains("create tenant").contains("answered 404").contains("isn't available yet");
    }

    @Test
    void keepsTheKeyWhenOnlyTheWebhookApiIsMissing() {
        answers.put("POST /api/v1/webhooks/endpoints", 404);

        DemoProvisioner.Outcome outcome = provisioner.provision(null, RECEIVER);

        assertThat(outcome.tenant().apiKey()).startsWith("upk_local_");
        assertThat(outcome.tenant().webhookSecret()).isNull();
        assertThat(outcome.notes()).singleElement().asString().contains("create webhook endpoint").contains("404");
    }

    @Test
    void reportsAServiceThatCannotBeReached() {
        server.stop(0);

        DemoProvisioner.Outcome outcome = provisioner.provision(null, RECEIVER);

        assertThat(outcome.notes()).singleElement().asString().contains("create tenant").contains("failed");
    }

    @Test
    void theStoreKeepsWhatWasProvisionedForTheNextStart() {
        DemoTenantStore store = new DemoTenantStore(dataDirectory);
        assertThat(store.load()).isEmpty();

        DemoTenant tenant = provisioner.provision(null, RECEIVER).tenant();
        store.save(tenant);

        assertThat(new DemoTenantStore(dataDirectory).load()).contains(tenant);
    }

    private static IdentityAssertionVerifier verifier(String audience) {
        return new IdentityAssertionVerifier(audience, IdentityKeys.trustedKeys("gateway=" + LocalIdentityKeys.GATEWAY_PUBLIC_KEY),
                Clock.systemUTC());
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String call = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            calls.add(call);
            IdentityAssertion identity;
            try {
                String service = exchange.getRequestURI().getPath().startsWith("/api/v1/webhooks/") ? "callback" : "metadata";
                identity = services.get(service).verify(exchange.getRequestHeaders().getFirst(IdentityAssertion.HEADER));
            } catch (RuntimeException e) {
                respond(exchange, 401, "{\"title\":\"Unauthorized\"}");
                return;
            }
            identities.put(call, identity);
            bodies.put(call, EventJson.mapper().readTree(exchange.getRequestBody().readAllBytes()));
            Integer forced = answers.get(call);
            if (forced != null) {
                respond(exchange, forced, "{\"title\":\"forced\"}");
                return;
            }
            switch (call) {
                case "POST /api/v1/tenants" -> respond(exchange, 201, "{\"id\":\"demo\",\"name\":\"Demo\",\"status\":\"active\"}");
                case "PUT /api/v1/tenant/cors-origins" -> respond(exchange, 200,
                        "{\"corsOrigins\":[\"http://localhost:*\",\"http://127.0.0.1:*\"]}");
                case "POST /api/v1/tenants/demo/api-keys" -> respond(exchange, 201,
                        "{\"keyId\":\"key_1\",\"tenantId\":\"demo\",\"apiKey\":\"upk_local_0123456789abcdefghijABCDEFGHIJkl\"}");
                case "POST /api/v1/webhooks/endpoints" -> respond(exchange, 201,
                        "{\"id\":\"ep_1\",\"url\":\"" + RECEIVER + "\",\"secret\":\"whsec_c2VjcmV0\"}");
                default -> respond(exchange, 404, "{\"title\":\"Not Found\"}");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status < 300 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
