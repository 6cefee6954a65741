package io.uplink.bench.webhooks;

import io.uplink.testsupport.identity.TestIdentityKeys;
import io.uplink.bench.BenchEnvironment;
import io.uplink.bench.OwnApplicationYaml;
import io.uplink.callback.CallbackServiceApplication;
import io.uplink.callback.endpoint.CreatedEndpoint;
import io.uplink.callback.endpoint.EndpointRequest;
import io.uplink.callback.endpoint.EndpointService;
import io.uplink.testsupport.KafkaEndpoint;
import io.uplink.testsupport.PostgresEndpoint;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * callback-service started in this JVM from its own jar, on the run's embedded Postgres and Kafka, exactly as it
 * runs in production apart from the settings listed in {@link #BENCH_SETTINGS}. Settings go in as command-line
 * arguments: application.yml's {@code ${ENV:default}} placeholders would win over builder defaults.
 */
final class InProcessCallbackService implements AutoCloseable {

    /**
     * What the benchmark changes from the defaults, and why. Plain http to 127.0.0.1 is how the local receiver is
     * reached (the SSRF rule still applies to every other private address). One fast endpoint may take as many
     * attempts as the whole instance (default 8 in flight per endpoint, which caps a single endpoint at 8 ×
     * round trip and makes the claimer hand most of a batch back). The largest case gives one tenant 1,000
     * endpoints, beyond the default per-tenant limit of 20.
     */
    static final List<String> BENCH_SETTINGS = List.of(
            "uplink.callback.endpoints.allow-http=true",
            "uplink.callback.endpoints.allowed-networks=127.0.0.1/32",
            "uplink.callback.delivery.max-concurrency-per-endpoint=" + perEndpointConcurrency(),
            "uplink.callback.endpoints.max-per-tenant=1000");

    /**
     * Attempts in flight per endpoint: 256 unless {@code UPLINK_BENCH_WEBHOOK_PER_ENDPOINT} says otherwise (its
     * production default, 8, measures how one endpoint fares at the default limit).
     */
    static int perEndpointConcurrency() {
        String configured = System.getenv("UPLINK_BENCH_WEBHOOK_PER_ENDPOINT");
        return configured == null || configured.isBlank() ? 256 : Integer.parseInt(configured.trim());
    }

    private final ConfigurableApplicationContext context;

    private InProcessCallbackService(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static InProcessCallbackService in(BenchEnvironment environment) {
        return environment.shared(InProcessCallbackService.class, () -> start(environment));
    }

    private static InProcessCallbackService start(BenchEnvironment environment) {
        PostgresEndpoint postgres = environment.postgres();
        KafkaEndpoint kafka = environment.kafka();
        environment.log().println("starting callback-service in-process (" + String.join(", ", BENCH_SETTINGS) + ")…");
        List<String> args = new ArrayList<>(List.of(
                OwnApplicationYaml.configLocationArgument(CallbackServiceApplication.class),
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--uplink.identity.trusted-keys=" + TestIdentityKeys.TRUSTED_KEYS,
                "--uplink.callback.secret-encryption.keys=bench:" + freshEncryptionKey()));
        BENCH_SETTINGS.forEach(setting -> args.add("--" + setting));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CallbackServiceApplication.class)
                .logStartupInfo(false)
                .run(args.toArray(String[]::new));
        return new InProcessCallbackService(context);
    }

    /** A key for the signing secrets at rest, new each run (the run's database is thrown away with it). */
    private static String freshEncryptionKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    /** Registers an endpoint through the service's own endpoint service (URL checks, generated secret). */
    CreatedEndpoint createEndpoint(String tenantId, String url) {
        return context.getBean(EndpointService.class).create(tenantId, new EndpointRequest(url, "bench receiver", null, null, null));
    }

    @Override
    public void close() {
        context.close();
    }
}
