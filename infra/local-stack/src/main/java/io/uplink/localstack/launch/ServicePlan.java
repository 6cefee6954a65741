package io.uplink.localstack.launch;

import io.uplink.testsupport.InfrastructureProperties;
import io.uplink.testsupport.KafkaEndpoint;
import io.uplink.testsupport.PostgresEndpoint;
import io.uplink.testsupport.RedisEndpoint;
import io.uplink.testsupport.S3Endpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The service processes of the local stack and their environment, with the names of docs/internal-contracts.md
 * (the same ones docker-compose.yml sets).
 */
public final class ServicePlan {

    /** The environment part of API keys in the local stack ({@code upk_local_…}). */
    public static final String KEY_ENVIRONMENT = "local";
    /**
     * callback-service's key for the webhook signing secrets it stores. Fixed, so endpoints kept in the local stack's
     * database stay readable across runs; a well-known key, for the local stack only.
     */
    public static final String LOCAL_SECRET_ENCRYPTION_KEYS = "local-1:8dUcdooGXxOSjCRsVG4Vb3weBHfvYH8DvJsJL3HEEJQ=";
    private ServicePlan() {
    }

    public record Infrastructure(PostgresEndpoint postgres, KafkaEndpoint kafka, S3Endpoint s3, RedisEndpoint redis) {
    }

    /** In start order: what others call first. The gateway comes last. */
    public static List<ServiceSpec> services(LaunchOptions options, Infrastructure infrastructure) {
        return services(options, infrastructure, null);
    }

    /** @param firstAdminKey the admin key metadata-service registers at its first start; null for none */
    public static List<ServiceSpec> services(LaunchOptions options, Infrastructure infrastructure, String firstAdminKey) {
        String metadataUrls = baseUrls(options.metadataPorts());
        String callbackUrls = baseUrls(options.callbackPorts());
        List<ServiceSpec> services = new ArrayList<>();

        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.putAll(InfrastructureProperties.environment(infrastructure.postgres()));
        metadata.put("UPLINK_KAFKA_BOOTSTRAP", infrastructure.kafka().bootstrapServers());
        metadata.putAll(InfrastructureProperties.environment(infrastructure.s3()));
        // Keys are issued for the environment the gateway accepts (upk_local_…).
        metadata.put("UPLINK_ENVIRONMENT", KEY_ENVIRONMENT);
        if (firstAdminKey != null) {
            metadata.put("UPLINK_FIRST_ADMIN_KEY", firstAdminKey);
        }
        metadata.put("UPLINK_KAFKA_CONSUMER_THREADS", String.valueOf(consumerThreads(options.metadataPorts().size())));
        // Instances share the database and the relay name: one leads the outbox relay, the others stand by for its
        // lock; all join the ingest consumer group.
        services.addAll(instances("metadata", "metadata-service", options.metadataPorts(), options, metadata));

        Map<String, String> callback = new LinkedHashMap<>();
        callback.putAll(InfrastructureProperties.environment(infrastructure.postgres()));
        callback.put("UPLINK_KAFKA_BOOTSTRAP", infrastructure.kafka().bootstrapServers());
        // The demo receiver listens on plain http on loopback, which callback-service refuses outside development.
        callback.put("UPLINK_CALLBACK_ALLOW_HTTP", "true");
        callback.put("UPLINK_CALLBACK_ALLOWED_NETWORKS", "127.0.0.0/8,::1/128");
        callback.put("UPLINK_CALLBACK_SECRET_ENCRYPTION_KEYS", LOCAL_SECRET_ENCRYPTION_KEYS);
        callback.put("UPLINK_KAFKA_CONSUMER_THREADS", String.valueOf(consumerThreads(options.callbackPorts().size())));
        services.addAll(instances("callback", "callback-service", options.callbackPorts(), options, callback));

        for (int i = 0; i < options.credentialPorts().size(); i++) {
            int port = options.credentialPorts().get(i);
            Map<String, String> credential = common("credential-service", port, options);
            // Upload sessions live in its own schema (not yet in the env table of the internal contracts).
            credential.putAll(InfrastructureProperties.environment(infrastructure.postgres()));
            credential.put("UPLINK_KAFKA_BOOTSTRAP", infrastructure.kafka().bootstrapServers());
            credential.putAll(InfrastructureProperties.environment(infrastructure.s3()));
            credential.put("UPLINK_METADATA_URL", metadataUrls);
            services.add(new ServiceSpec("credential-" + (i + 1), "credential-service", port, credential));
        }

        Map<String, String> console = common("console-service", options.consolePort(), options);
        // the console calls the public API through the gateway, as its signed-in users
        console.put("UPLINK_GATEWAY_URL", "http://127.0.0.1:" + options.gatewayPort());
        console.put("UPLINK_KAFKA_BOOTSTRAP", infrastructure.kafka().bootstrapServers());
        if (options.oidcIssuer() != null) {
            // admins may also sign in to the console through that provider (authorization code flow)
            console.put("UPLINK_CONSOLE_OIDC_ISSUER", options.oidcIssuer());
            console.put("UPLINK_CONSOLE_OIDC_CLIENT_ID", "uplink-console");
            console.put("UPLINK_CONSOLE_OIDC_CLIENT_SECRET", "uplink-local-console-secret-not-for-production");
            console.put("UPLINK_CONSOLE_PUBLIC_URL", "http://127.0.0.1:" + options.gatewayPort());
        }
        services.add(new ServiceSpec("console", "console-service", options.consolePort(), console));

        Map<String, String> gateway = new LinkedHashMap<>();
        gateway.put("UPLINK_REDIS_HOST", infrastructure.redis().host());
        gateway.put("UPLINK_REDIS_PORT", String.valueOf(infrastructure.redis().port()));
        gateway.put("UPLINK_CREDENTIAL_INSTANCES", options.credentialPorts().stream()
                .map(port -> "http://127.0.0.1:" + port).collect(Collectors.joining(",")));
        gateway.put("UPLINK_METADATA_URL", metadataUrls);
        gateway.put("UPLINK_CALLBACK_URL", callbackUrls);
        // one machine: the demo, every test client and the console all reach the gateway from 127.0.0.1, so one
        // client's failed authentications must not lock out the others
        gateway.put("UPLINK_AUTH_FAILURE_LIMIT", "1000");
        // a developer's machine: metrics and health details on the gateway's own port (the console's status page
        // and the benchmarks read them); deployments keep them on an unpublished management port
        gateway.put("UPLINK_ACTUATOR_ENDPOINTS", "health,info,prometheus,metrics");
        gateway.put("UPLINK_HEALTH_DETAILS", "always");
        gateway.put("UPLINK_CONSOLE_URL", "http://127.0.0.1:" + options.consolePort());
        // The gateway accepts only keys of its own environment; the demo key is issued as upk_local_….
        gateway.put("UPLINK_ENVIRONMENT", KEY_ENVIRONMENT);
        if (options.oidcIssuer() != null) {
            gateway.put("UPLINK_OIDC_ISSUER", options.oidcIssuer());
            gateway.put("UPLINK_OIDC_JWKS_URI", options.oidcJwksUri());
        }
        services.addAll(instances("gateway", "gateway-service", options.gatewayPorts(), options, gateway));
        return withInstancesForTheConsole(services);
    }

    /** One process per port, alike but for the port: {@code name}, {@code name-2}, {@code name-3}, … */
    private static List<ServiceSpec> instances(String name, String module, List<Integer> ports, LaunchOptions options,
                                               Map<String, String> environment) {
        List<ServiceSpec> instances = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            Map<String, String> instance = common(module, ports.get(i), options);
            instance.putAll(environment);
            instances.add(new ServiceSpec(i == 0 ? name : name + "-" + (i + 1), module, ports.get(i), instance));
        }
        return instances;
    }

    /** Partitions of every topic of the embedded Kafka; each is consumed by one thread of one instance. */
    public static final int KAFKA_PARTITIONS = 3;

    /** Consumer threads per instance so that the instances together have at least one per partition. */
    private static int consumerThreads(int instances) {
        return Math.max(1, (KAFKA_PARTITIONS + instances - 1) / instances);
    }

    private static String baseUrls(List<Integer> ports) {
        return ports.stream().map(port -> "http://127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    /**
     * The console's status page checks the health of every instance of the plan, itself included. Each serves actuator
     * on its service port: the local stack sets no UPLINK_MANAGEMENT_PORT, which would move the gateway's elsewhere.
     */
    private static List<ServiceSpec> withInstancesForTheConsole(List<ServiceSpec> services) {
        String instances = services.stream().map(service -> service.name() + "=" + service.baseUrl())
                .collect(Collectors.joining(","));
        return services.stream().map(service -> {
            if (!service.module().equals("console-service")) {
                return service;
            }
            Map<String, String> environment = new LinkedHashMap<>(service.environment());
            environment.put("UPLINK_CONSOLE_INSTANCES", instances);
            return new ServiceSpec(service.name(), service.module(), service.port(), environment);
        }).toList();
    }

    private static Map<String, String> common(String module, int port, LaunchOptions options) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PORT", String.valueOf(port));
        environment.putAll(LocalIdentityKeys.environmentOf(module));
        environment.put("UPLINK_TRACE_SAMPLING", String.valueOf(options.traceSampling()));
        if (options.otlpEndpoint() != null) {
            // Spring Boot's own property (relaxed binding): spans are exported only when it is set
            environment.put("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", options.otlpEndpoint());
        }
        return environment;
    }
}
