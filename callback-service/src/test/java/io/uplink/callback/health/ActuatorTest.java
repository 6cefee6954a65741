package io.uplink.callback.health;

import io.uplink.callback.CallbackServiceTest;
import io.uplink.contracts.EventJson;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@CallbackServiceTest
@SuppressWarnings("unchecked")
class ActuatorTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readinessIsUpAndNamesTheDatabaseAndKafka() throws Exception {
        HttpResponse<String> response = get("/actuator/health/readiness");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<?, ?> health = EventJson.read(response.body(), Map.class);
        assertThat(health.get("status")).isEqualTo("UP");
        Map<String, Map<String, Object>> components = (Map<String, Map<String, Object>>) health.get("components");
        assertThat(components.keySet()).contains("db", "kafka", "readinessState");
        assertThat(components.get("kafka").get("status")).isEqualTo("UP");
        assertThat(components.get("db").get("status")).isEqualTo("UP");
    }

    @Test
    void livenessDoesNotDependOnTheDatabaseOrKafka() throws Exception {
        HttpResponse<String> response = get("/actuator/health/liveness");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> components = (Map<String, Object>) EventJson.read(response.body(), Map.class).get("components");
        assertThat(components.keySet()).containsExactly("livenessState");
    }

    @Test
    void exposesPrometheusMetricsIncludingTheKafkaListener() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes", "hikaricp_connections");
    }

    @Test
    void servesTheOpenApiDocumentWithoutIdentity() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"openapi\"", "/api/v1/webhooks/endpoints",
                "/api/v1/webhooks/messages/{id}/resend", "/api/v1/webhooks/attempts");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
