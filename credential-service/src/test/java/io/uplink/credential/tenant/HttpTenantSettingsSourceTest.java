package io.uplink.credential.tenant;

import io.uplink.credential.storage.StorageRouting;
import com.sun.net.httpserver.HttpServer;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionSigner;
import io.uplink.contracts.identity.IdentityAssertionVerifier;
import io.uplink.contracts.identity.IdentityKeys;
import io.uplink.testsupport.identity.TestIdentityKeys;
import io.uplink.testsupport.time.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a real local HTTP server standing in for metadata-service's tenant endpoint. */
class HttpTenantSettingsSourceTest {

    private static final TenantSettings DEFAULTS = new TenantSettings(1000, List.of("*/*"), 900, "default");

    private final IdentityAssertionSigner signer = TestIdentityKeys.credential();
    /** metadata-service's view: it trusts credential-service's public key. */
    private final IdentityAssertionVerifier metadata = new IdentityAssertionVerifier("metadata",
            IdentityKeys.trustedKeys(TestIdentityKeys.TRUSTED_KEYS), Clock.systemUTC());
    private final Map<String, String> tenants = new ConcurrentHashMap<>();
    private final List<IdentityAssertion> callers = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    @BeforeEach
    void startRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/tenants/", exchange -> {
            requests.incrementAndGet();
            callers.add(metadata.verify(exchange.getRequestHeaders().getFirst(IdentityAssertion.HEADER)));
            String id = exchange.getRequestURI().getPath().substring("/api/v1/tenants/".length());
            String body = tenants.get(id);
            byte[] bytes = (body == null ? "{\"status\":404}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", body == null ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopRegistry() {
        server.stop(0);
    }

    private HttpTenantSettingsSource source() {
        return source(List.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort())));
    }

    private HttpTenantSettingsSource source(List<URI> instances) {
        return new HttpTenantSettingsSource(new TenantRegistry(HttpClient.newHttpClient(), instances,
                Duration.ofSeconds(2), signer, Clock.systemUTC()), DEFAULTS);
    }

    @Test
    void aLookupThatCannotReachOneInstanceIsAnsweredByTheNext() throws IOException {
        tenants.put("acme", """
                {"id":"acme","status":"active","settings":{"storageTarget":"eu"}}""");
        URI gone;
        try (var closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            gone = URI.create("http://127.0.0.1:" + closed.getLocalPort()); // nobody listens there once it is closed
        }
        HttpTenantSettingsSource source = source(List.of(gone, URI.create("http://127.0.0.1:" + server.getAddress().getPort())));

        for (int i = 0; i < 4; i++) {
            assertThat(source.settingsFor("acme").storageTarget()).isEqualTo("eu");
        }
        assertThat(requests.get()).as("every lookup reached the live instance exactly once").isEqualTo(4);
    }

    @Test
    void aLookupThatReachesNoInstanceFailsAsUnreachable() throws IOException {
        URI gone;
        try (var closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            gone = URI.create("http://127.0.0.1:" + closed.getLocalPort());
        }

        assertThatThrownBy(() -> source(List.of(gone)).settingsFor("acme"))
                .isInstanceOf(TenantLookupFailedException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void readsTheTenantsSettingsCallingAsAdminService() {
        tenants.put("acme", """
                {"id":"acme","name":"Acme","status":"active","createdAt":"2026-01-01T00:00:00Z",
                 "settings":{"maxObjectSize":5242880,"allowedContentTypes":["image/*","application/pdf"],
                   "credentialTtlSeconds":600,"rateLimit":{"requestsPerSecond":50,"burst":100},
                   "storageTarget":"eu","corsOrigins":["https://app.example.com"],
                   "quotas":{"maxStoredBytes":1000000,"maxFiles":null,"maxUploadsPerDay":20},
                   "storageTargets":["eu","bulk"],
                   "storageRoutes":[{"contentType":"video/*","minSize":1000,"target":"bulk"}]}}""");

        TenantSettings settings = source().settingsFor("acme");

        assertThat(settings).isEqualTo(new TenantSettings(5242880, List.of("image/*", "application/pdf"), 600, "eu",
                new TenantSettings.Quotas(1_000_000L, null, 20L), new StorageRouting(List.of("eu", "bulk"),
                List.of(new StorageRouting.Route("video/*", 1000L, null, "bulk")))));
        assertThat(callers).singleElement().satisfies(caller -> {
            assertThat(caller.subject()).isEqualTo("credential-service");
            assertThat(caller.issuer()).isEqualTo("credential");
            assertThat(caller.roles()).containsExactly(IdentityAssertion.ROLE_TENANT_READER);
            assertThat(caller.isAdmin()).isFalse();
        });
    }

    @Test
    void fillsFieldsTheRegistryLeavesOutFromTheDefaults() {
        tenants.put("bare", "{\"id\":\"bare\",\"status\":\"active\",\"settings\":{\"maxObjectSize\":42}}");

        assertThat(source().settingsFor("bare")).isEqualTo(new TenantSettings(42, List.of("*/*"), 900, "default"));
    }

    @Test
    void refusesUnknownAndSuspendedTenants() {
        tenants.put("gone", "{\"id\":\"gone\",\"status\":\"suspended\",\"settings\":{}}");

        assertThatThrownBy(() -> source().settingsFor("nobody")).isInstanceOf(TenantUnavailableException.class);
        assertThatThrownBy(() -> source().settingsFor("gone")).isInstanceOf(TenantUnavailableException.class)
                .hasMessageContaining("suspended");
    }

    @Test
    void reportsAnUnreachableRegistryAsALookupFailure() {
        HttpTenantSettingsSource source = source();
        server.stop(0);

        assertThatThrownBy(() -> source.settingsFor("acme")).isInstanceOf(TenantLookupFailedException.class);
    }

    @Test
    void cachesSettingsForTheConfiguredTime() {
        tenants.put("acme", "{\"id\":\"acme\",\"status\":\"active\",\"settings\":{\"maxObjectSize\":7}}");
        TenantSettingsSource cached = new CachingTenantSettingsSource(source(), Duration.ofMinutes(1), Duration.ofMinutes(10), Clock.systemUTC());

        cached.settingsFor("acme");
        cached.settingsFor("acme");

        assertThat(requests).hasValue(1);
    }

    @Test
    void keepsServingTheLastSettingsWhileTheRegistryIsUnreachableButNotPastStaleIfError() {
        tenants.put("acme", "{\"id\":\"acme\",\"status\":\"active\",\"settings\":{\"maxObjectSize\":7}}");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
        TenantSettingsSource cached = new CachingTenantSettingsSource(source(), Duration.ofMinutes(1),
                Duration.ofMinutes(10), clock);
        assertThat(cached.settingsFor("acme").maxObjectSize()).isEqualTo(7);

        server.stop(0);
        clock.advance(Duration.ofMinutes(5));
        assertThat(cached.settingsFor("acme").maxObjectSize()).isEqualTo(7);

        clock.advance(Duration.ofMinutes(7));
        assertThatThrownBy(() -> cached.settingsFor("acme")).isInstanceOf(TenantLookupFailedException.class);
    }

    @Test
    void believesASuspensionAtOnceInsteadOfServingCachedSettings() {
        tenants.put("acme", "{\"id\":\"acme\",\"status\":\"active\",\"settings\":{}}");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
        TenantSettingsSource cached = new CachingTenantSettingsSource(source(), Duration.ofMinutes(1),
                Duration.ofMinutes(10), clock);
        cached.settingsFor("acme");

        tenants.put("acme", "{\"id\":\"acme\",\"status\":\"suspended\",\"settings\":{}}");
        clock.advance(Duration.ofMinutes(2));

        assertThatThrownBy(() -> cached.settingsFor("acme")).isInstanceOf(TenantUnavailableException.class);
    }

}
