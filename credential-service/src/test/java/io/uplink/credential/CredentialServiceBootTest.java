package io.uplink.credential;

import io.uplink.testsupport.Infra;
import io.uplink.testsupport.UplinkInfrastructure;
import io.uplink.testsupport.identity.TestIdentityKeys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpRequest;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@UplinkInfrastructure({Infra.S3, Infra.KAFKA, Infra.POSTGRES})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestIdentityKeys.TRUSTED_KEYS_PROPERTY, TestIdentityKeys.CREDENTIAL_PRIVATE_KEY_PROPERTY})
class CredentialServiceBootTest {

    @LocalServerPort
    int port;

    @Test
    void readinessReflectsStorageKafkaAndDatabase() {
        ServiceApi.Response readiness = new ServiceApi(port).get(null, "/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        var components = readiness.json().get("components");
        assertThat(components.get("s3").get("status").asString()).isEqualTo("UP");
        JsonNode defaultTarget = components.get("s3").get("details").get("targets").get("default");
        assertThat(defaultTarget.get("status").asString()).isEqualTo("UP");
        assertThat(defaultTarget.get("bucket").asString()).isEqualTo("uplink-uploads");
        assertThat(components.get("kafka").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void exposesPrometheusAndOpenApiWithoutIdentity() {
        ServiceApi api = new ServiceApi(port);

        ServiceApi.Response prometheus = api.get(null, "/actuator/prometheus");
        ServiceApi.Response openApi = api.get(null, "/v3/api-docs");

        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().get("paths").has("/api/v1/uploads")).isTrue();
    }

    @Test
    void rejectsApiCallWithoutIdentityAssertionAsProblem() {
        ServiceApi.Response response = new ServiceApi(port).post(null, "/api/v1/uploads",
                Map.of("filename", "a.png", "contentType", "image/png", "size", 10));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(401);
        assertThat(response.json().get("detail").asString()).isEqualTo("missing identity assertion");
    }

    @Test
    void rejectsForgedIdentityAssertion() {
        ServiceApi api = new ServiceApi(port);
        String genuine = api.assertionFor("acme");
        String forged = genuine.substring(0, genuine.indexOf('.') + 1) + "AAAA" + genuine.substring(genuine.indexOf('.') + 5);

        ServiceApi.Response response = api.send(api.request(null, "/api/v1/uploads/00000000-0000-0000-0000-000000000000")
                .header("X-Uplink-Identity", forged).GET().build());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").asString()).contains("does not verify");
    }

    @Test
    void takesTenantOnlyFromTheAssertion() {
        ServiceApi api = new ServiceApi(port);

        ServiceApi.Response response = api.post("tenant-boot", "/api/v1/uploads",
                Map.of("filename", "a.png", "contentType", "image/png", "size", 10, "tenantId", "someone-else"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("key").asString()).startsWith("tenants/tenant-boot/");
    }

    @Test
    void answersConflictForStsWhenTheStorageTargetHasNone() {
        ServiceApi.Response response = new ServiceApi(port).post("tenant-boot", "/api/v1/sts/credentials", null);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
