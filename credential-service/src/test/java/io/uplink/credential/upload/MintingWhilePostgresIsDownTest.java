package io.uplink.credential.upload;

import io.uplink.contracts.EventJson;
import io.uplink.credential.ServiceApi;
import io.uplink.testsupport.EmbeddedPostgresServer;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.UplinkInfrastructure;
import io.uplink.testsupport.identity.TestIdentityKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * This instance's own Postgres goes away. Minting must answer a 503 problem with {@code Retry-After} (no credential
 * without a stored session), not a 500: clients and the gateway treat the first as "retry", the second as a bug.
 */
@UplinkInfrastructure({Infra.S3, Infra.KAFKA})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestIdentityKeys.TRUSTED_KEYS_PROPERTY, TestIdentityKeys.CREDENTIAL_PRIVATE_KEY_PROPERTY,
                "uplink.credential.reconciler.enabled=false"})
class MintingWhilePostgresIsDownTest {

    private static final EmbeddedPostgresServer OWN_POSTGRES = EmbeddedPostgresServer.start(0, null);

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
    void mintingDuringADatabaseOutageIsA503ProblemWithRetryAfterAndNoCredential() throws Exception {
        ServiceApi api = new ServiceApi(port);
        Map<String, Object> request = Map.of("filename", "a.txt", "contentType", "text/plain", "size", 5, "method", "PUT");
        assertThat(api.post("db-outage", "/api/v1/uploads", request).status()).isEqualTo(201);

        OWN_POSTGRES.close();
        long started = System.nanoTime();
        HttpResponse<String> duringOutage = HttpClient.newHttpClient().send(api.request("db-outage", "/api/v1/uploads")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(EventJson.writeString(request))).build(),
                HttpResponse.BodyHandlers.ofString());
        Duration answeredAfter = Duration.ofNanos(System.nanoTime() - started);

        assertThat(duringOutage.statusCode()).as(duringOutage.body()).isEqualTo(503);
        assertThat(duringOutage.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(duringOutage.headers().firstValue("Retry-After")).isPresent();
        assertThat(duringOutage.body()).doesNotContain("X-Amz-Signature");
        // With the shipped timeouts the 503 comes before the gateway's 5 s credential timeout would answer 504.
        assertThat(answeredAfter).isLessThan(Duration.ofMillis(4_500));
    }
}
