package io.uplink.gateway.support;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionVerifier;
import io.uplink.contracts.identity.IdentityKeys;
import io.uplink.contracts.identity.InvalidIdentityException;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.identity.TestIdentityKeys;
import io.uplink.testsupport.UplinkInfrastructure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.uplink.gateway.support.SharedUpstreams.CALLBACK;
import static io.uplink.gateway.support.SharedUpstreams.CONSOLE;
import static io.uplink.gateway.support.SharedUpstreams.CREDENTIAL_A;
import static io.uplink.gateway.support.SharedUpstreams.CREDENTIAL_B;
import static io.uplink.gateway.support.SharedUpstreams.METADATA;

/** The gateway booted against real local upstream servers and the shared real Redis. Subclasses share one context. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UplinkInfrastructure(Infra.REDIS)
public abstract class GatewayIntegrationTest {

    /** The gateway under test trusts credential-service's key only (upload tokens). */
    public static final String TRUSTED_KEYS = "credential=" + TestIdentityKeys.CREDENTIAL_PUBLIC_KEY;

    @LocalServerPort
    protected int port;

    @Autowired
    protected CircuitBreakerRegistry breakers;

    /** Sends no credential. */
    protected WebTestClient client;
    /** Sends an active API key of its own tenant ({@link #tenantId}). */
    protected WebTestClient tenantClient;
    protected String tenantId;
    protected String tenantKey;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("uplink.gateway.upstreams.credential-instances", () -> CREDENTIAL_A.baseUrl() + "," + CREDENTIAL_B.baseUrl());
        standardProperties(registry);
    }

    /** Everything but the credential instances and Redis, for test classes that must own those. */
    public static void standardProperties(DynamicPropertyRegistry registry) {
        registry.add("uplink.gateway.upstreams.metadata-instances", METADATA::baseUrl);
        registry.add("uplink.gateway.upstreams.callback-instances", CALLBACK::baseUrl);
        registry.add("uplink.gateway.upstreams.console-url", CONSOLE::baseUrl);
        registry.add("uplink.identity.private-key", () -> TestIdentityKeys.GATEWAY_PRIVATE_KEY);
        registry.add("uplink.identity.trusted-keys", () -> TRUSTED_KEYS);
        registry.add("uplink.gateway.auth.key-cache-ttl", () -> "1s");
        registry.add("uplink.gateway.auth.key-cache-max-age", () -> "4s");
        // The tests run on a loaded 2-core machine: a slow answer there is CPU starvation, not a failing
        // dependency. Every timeout a test does not exercise is generous, so that it never turns a passing request
        // into a 503/504 (or a degraded rate limit, or a live instance dropped from rotation); the one test that
        // exercises a route timeout (webhooks) uses a delay far beyond it.
        registry.add("uplink.gateway.upstreams.connect-timeout", () -> "5s");
        registry.add("uplink.gateway.upstreams.credential-timeout", () -> "30s");
        registry.add("uplink.gateway.upstreams.metadata-timeout", () -> "30s");
        registry.add("uplink.gateway.upstreams.callback-timeout", () -> "3s");
        registry.add("uplink.gateway.upstreams.lookup-timeout", () -> "20s");
        registry.add("uplink.gateway.load-balancing.health-check-timeout", () -> "3s");
        registry.add("uplink.gateway.rate-limit.redis-timeout", () -> "10s");
        registry.add("spring.data.redis.timeout", () -> "10s");
        registry.add("uplink.gateway.circuit-breaker.minimum-number-of-calls", () -> "4");
        registry.add("uplink.gateway.circuit-breaker.sliding-window-size", () -> "4");
        // long enough that a starved test still finds an opened breaker open
        registry.add("uplink.gateway.circuit-breaker.wait-duration-in-open-state", () -> "5s");
        registry.add("uplink.gateway.auth.unknown-key-cache-ttl", () -> "1s");
        // every test client is 127.0.0.1, and many tests are refused on purpose; AuthenticationFailureLimitTest
        // exercises the limit with clients of its own
        registry.add("uplink.gateway.auth.failure-limit.failures", () -> "1000000");
        registry.add("uplink.gateway.oidc.issuer", () -> TestIssuer.ISSUER);
        registry.add("uplink.gateway.oidc.jwks-uri", SharedUpstreams.ISSUER::jwksUri);
    }

    /**
     * A forwarded assertion as the service it is addressed to verifies it (with the gateway's public key); the
     * answer's {@link IdentityAssertion#audience()} tells which service that is.
     */
    public static IdentityAssertion verifiedAsItsAudience(String assertion) {
        InvalidIdentityException refused = null;
        for (String audience : List.of(IdentityAssertion.AUDIENCE_CREDENTIAL, IdentityAssertion.AUDIENCE_METADATA,
                IdentityAssertion.AUDIENCE_CALLBACK)) {
            try {
                return new IdentityAssertionVerifier(audience, IdentityKeys.trustedKeys(
                        "gateway=" + TestIdentityKeys.GATEWAY_PUBLIC_KEY), Clock.systemUTC()).verify(assertion);
            } catch (InvalidIdentityException e) {
                refused = e;
            }
        }
        throw refused;
    }

    /**
     * Test classes share one context and so its breakers: a breaker another test opened (or a failure it recorded
     * late, once its answer was written) must not turn this test's requests into 503s.
     */
    @BeforeEach
    void closeBreakers() {
        breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
    }

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        tenantId = "tenant-" + UUID.randomUUID();
        tenantKey = SharedUpstreams.KEYS.issueTenantKey(tenantId);
        tenantClient = client.mutate().defaultHeader("Authorization", "Bearer " + tenantKey).build();
    }

    @AfterEach
    void resetUpstreams() {
        SharedUpstreams.reset();
    }
}
