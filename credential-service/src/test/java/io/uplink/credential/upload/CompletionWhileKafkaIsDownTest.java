package io.uplink.credential.upload;

import io.uplink.contracts.UploadCompleted;
import io.uplink.credential.CredentialServiceApplication;
import io.uplink.credential.ServiceApi;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.InfrastructureProperties;
import io.uplink.testsupport.UplinkInfrastructure;
import io.uplink.testsupport.identity.TestIdentityKeys;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * This instance's Kafka is unreachable (nothing listens on its bootstrap port). A completion must fail visibly
 * and leave the session pending, so that the client's retry, routed to a healthy replica, publishes it.
 */
@UplinkInfrastructure({Infra.S3, Infra.POSTGRES})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestIdentityKeys.TRUSTED_KEYS_PROPERTY, TestIdentityKeys.CREDENTIAL_PRIVATE_KEY_PROPERTY,
                "spring.kafka.producer.properties.request.timeout.ms=1500",
                "spring.kafka.producer.properties.delivery.timeout.ms=3000"})
class CompletionWhileKafkaIsDownTest {

    @LocalServerPort
    int port;

    @org.springframework.test.context.DynamicPropertySource
    static void unreachableKafka(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + freePort());
    }

    @Test
    void aCompletionDuringABrokerOutageFailsVisiblyAndARetryPublishesIt() throws Exception {
        String tenant = "outage-tenant";
        ServiceApi unhealthy = new ServiceApi(port);
        JsonNode grant = unhealthy.post(tenant, "/api/v1/uploads",
                Map.of("filename", "a.txt", "contentType", "text/plain", "size", 5, "method", "PUT")).json();
        int stored = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(grant.get("url").asString()))
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString("hello")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        assertThat(stored).isEqualTo(200);
        String uploadId = grant.get("uploadId").asString();

        long started = System.nanoTime();
        ServiceApi.Response duringOutage = unhealthy.post(tenant, "/api/v1/uploads/" + uploadId + "/complete", null);
        Duration answeredAfter = Duration.ofNanos(System.nanoTime() - started);

        assertThat(duringOutage.status()).isEqualTo(503);
        // With the shipped producer settings the 503 must come before the gateway's 5 s credential timeout,
        // which would otherwise answer the client 504 instead of this retryable problem.
        assertThat(answeredAfter).isLessThan(Duration.ofMillis(4_500));
        assertThat(duringOutage.contentType()).startsWith("application/problem+json");
        assertThat(unhealthy.get(tenant, "/api/v1/uploads/" + uploadId).json().get("status").asString())
                .isEqualTo("pending");
        ServiceApi.Response readiness = unhealthy.get(null, "/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.json().get("components").get("kafka").get("status").asString()).isEqualTo("DOWN");

        try (ConfigurableApplicationContext healthyReplica = startReplicaWithWorkingKafka();
             UploadCompletedConsumer consumer = new UploadCompletedConsumer()) {
            ServiceApi healthy = new ServiceApi(Integer.parseInt(
                    healthyReplica.getEnvironment().getProperty("local.server.port")));

            ServiceApi.Response retried = healthy.post(tenant, "/api/v1/uploads/" + uploadId + "/complete", null);

            assertThat(retried.status()).as(retried.body()).isEqualTo(200);
            UploadCompleted event = UploadCompletedConsumer.event(
                    consumer.awaitKey(tenant + "/" + grant.get("key").asString()));
            assertThat(event.uploadId()).isEqualTo(uploadId);
        }
    }

    private static ConfigurableApplicationContext startReplicaWithWorkingKafka() {
        Map<String, Object> properties = new HashMap<>(
                InfrastructureProperties.forSpring(Set.of(Infra.S3, Infra.POSTGRES, Infra.KAFKA)));
        properties.put("uplink.identity.trusted-keys", TestIdentityKeys.TRUSTED_KEYS);
        properties.put("uplink.identity.private-key", TestIdentityKeys.CREDENTIAL_PRIVATE_KEY);
        properties.put("server.port", "0");
        // Command-line arguments outrank application.yml; builder "properties" would only be defaults.
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(CredentialServiceApplication.class).run(arguments);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
