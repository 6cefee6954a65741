package io.uplink.credential.quota;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.uplink.credential.ServiceApi;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.UplinkInfrastructure;
import io.uplink.testsupport.identity.TestIdentityKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quotas are checked before a credential is minted, against the usage metadata-service measures (a local registry
 * stands in for it here, answering each tenant's settings and usage): the refusal names the quota, its limit and the
 * tenant's use; the daily quota says when it frees up.
 */
@UplinkInfrastructure({Infra.S3, Infra.KAFKA, Infra.POSTGRES})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestIdentityKeys.TRUSTED_KEYS_PROPERTY, TestIdentityKeys.CREDENTIAL_PRIVATE_KEY_PROPERTY,
                "uplink.credential.quotas.usage-cache-ttl=1h"})
class QuotaTest {

    private static final String QUOTAS = "{\"maxStoredBytes\":1000,\"maxFiles\":10,\"maxUploadsPerDay\":50}";
    /** Each tenant's usage as the registry answers it; absent = the usage endpoint fails (500). */
    private static final Map<String, String> USAGE = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> USAGE_CALLS = new ConcurrentHashMap<>();
    private static final HttpServer REGISTRY = registry();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void registry(DynamicPropertyRegistry properties) {
        properties.add("uplink.credential.tenants.metadata-instances",
                () -> "http://127.0.0.1:" + REGISTRY.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        REGISTRY.stop(0);
    }

    @Test
    void anUploadWithinEveryQuotaGetsItsCredential() {
        String tenant = tenantUsing(900, 9, 49);

        assertThat(mint(tenant, 100).status()).isEqualTo(201);
    }

    @Test
    void anUploadThatWouldPassTheStoredBytesQuotaIsRefusedNamingIt() {
        String tenant = tenantUsing(900, 1, 1);

        ServiceApi.Response refused = mint(tenant, 101);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("rule").asString()).isEqualTo("quota");
        assertThat(refused.json().get("quota").asString()).isEqualTo("maxStoredBytes");
        assertThat(refused.json().get("limit").asLong()).isEqualTo(1000);
        assertThat(refused.json().get("used").asLong()).isEqualTo(900);
    }

    @Test
    void aTenantHoldingAsManyFilesAsItsQuotaGetsNoCredential() {
        String tenant = tenantUsing(0, 10, 1);

        ServiceApi.Response refused = mint(tenant, 1);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("quota").asString()).isEqualTo("maxFiles");
    }

    @Test
    void theDailyQuotaIsATooManyRequestsThatSaysWhenItFreesUp() {
        String tenant = tenantUsing(0, 0, 50);

        java.net.http.HttpResponse<String> refused = rawMint(tenant, 1);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("\"quota\":\"maxUploadsPerDay\"", "\"limit\":50", "\"used\":50");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 86_400L);
    }

    @Test
    void aBurstOfMintsWithinTheCachePeriodCannotPassAQuota() {
        String tenant = tenantUsing(0, 7, 0); // room for 3 more files

        assertThat(mint(tenant, 1).status()).isEqualTo(201);
        assertThat(mint(tenant, 1).status()).isEqualTo(201);
        assertThat(mint(tenant, 1).status()).isEqualTo(201);
        ServiceApi.Response fourth = mint(tenant, 1);

        assertThat(fourth.status()).isEqualTo(403);
        assertThat(fourth.json().get("quota").asString()).isEqualTo("maxFiles");
        assertThat(USAGE_CALLS.get(tenant)).as("usage read once").hasValue(1);
    }

    @Test
    void usageIsReadOncePerCachePeriodAndNotAtAllForTenantsWithoutQuotas() {
        String tenant = tenantUsing(0, 0, 0);
        mint(tenant, 1);
        mint(tenant, 1);
        assertThat(USAGE_CALLS.get(tenant)).hasValue(1);

        String unlimited = "free-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(mint(unlimited, 1).status()).isEqualTo(201);
        assertThat(USAGE_CALLS).doesNotContainKey(unlimited);
    }

    @Test
    void whenUsageCannotBeReadTheUploadIsAdmittedAndCountedUnchecked() {
        String tenant = "blind-" + UUID.randomUUID().toString().substring(0, 8);
        double before = meters.counter("uplink.quota.unchecked").count();

        assertThat(mint(tenant, 1).status()).isEqualTo(201);
        assertThat(meters.counter("uplink.quota.unchecked").count()).isEqualTo(before + 1);
    }

    private static String tenantUsing(long storedBytes, long files, long uploadsToday) {
        String tenant = "q-" + UUID.randomUUID().toString().substring(0, 8);
        USAGE.put(tenant, "{\"tenantId\":\"" + tenant + "\",\"storedBytes\":" + storedBytes + ",\"files\":" + files
                + ",\"uploadsToday\":" + uploadsToday + ",\"day\":\"2026-12-07\",\"quotas\":" + QUOTAS + "}");
        return tenant;
    }

    private ServiceApi.Response mint(String tenant, long size) {
        return api().post(tenant, "/api/v1/uploads", Map.of("filename", "a.txt", "contentType", "text/plain",
                "size", size, "method", "PUT"));
    }

    private java.net.http.HttpResponse<String> rawMint(String tenant, long size) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(api().request(tenant, "/api/v1/uploads")
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body(size))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(long size) {
        return "{\"filename\":\"a.txt\",\"contentType\":\"text/plain\",\"size\":" + size + ",\"method\":\"PUT\"}";
    }

    private ServiceApi api() {
        return new ServiceApi(port);
    }

    private static HttpServer registry() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/v1/tenants/", exchange -> {
                String path = exchange.getRequestURI().getPath().substring("/api/v1/tenants/".length());
                int status = 200;
                String body;
                if (path.endsWith("/usage")) {
                    String id = path.substring(0, path.length() - "/usage".length());
                    USAGE_CALLS.computeIfAbsent(id, any -> new AtomicInteger()).incrementAndGet();
                    body = USAGE.get(id);
                    if (body == null) {
                        status = 500;
                        body = "{\"title\":\"Internal Server Error\"}";
                    }
                } else {
                    String quotas = path.startsWith("free-") ? "" : ",\"quotas\":" + QUOTAS;
                    body = "{\"id\":\"" + path + "\",\"name\":\"" + path + "\",\"status\":\"active\","
                            + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"settings\":{\"maxObjectSize\":104857600"
                            + quotas + "}}";
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
