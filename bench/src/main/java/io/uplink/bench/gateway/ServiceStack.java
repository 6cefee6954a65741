package io.uplink.bench.gateway;

import io.uplink.testsupport.identity.TestIdentityKeys;
import io.uplink.bench.BenchEnvironment;
import io.uplink.bench.cpu.ProcessCpu;
import io.uplink.localstack.RepositoryRoot;
import io.uplink.localstack.launch.ExtractedJar;
import io.uplink.localstack.launch.ReadinessProbe;
import io.uplink.localstack.launch.ServiceJars;
import io.uplink.localstack.launch.ServiceProcess;
import io.uplink.localstack.launch.ServiceSpec;
import io.uplink.testsupport.InfrastructureProperties;
import io.uplink.testsupport.PostgresEndpoint;
import io.uplink.testsupport.S3Endpoint;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * metadata-service, one credential-service instance and the gateway in front of it, each a child JVM from its
 * exec jar (the gateway is WebFlux and the others MVC, so they do not share a JVM well), wired with the env
 * names of docs/internal-contracts.md against the run's embedded Postgres, Kafka, S3Proxy and Redis.
 */
final class ServiceStack implements AutoCloseable {

    static final String KEY_ENVIRONMENT = "bench";
    /** Identical for every service so neither side of the comparison gets a better-tuned JVM. */
    private static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx512m", "-XX:+UseSerialGC");
    /** Extra JVM options for the gateway only, e.g. {@code -XX:StartFlightRecording=filename=gw.jfr} to profile it. */
    static final String GATEWAY_JAVA_OPTS_ENV = "UPLINK_BENCH_GATEWAY_JAVA_OPTS";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(240);
    private static final List<String> MODULES = List.of("metadata-service", "credential-service", "gateway-service");

    private final List<ServiceProcess> processes = new ArrayList<>();
    private final Map<String, Path> jars = new LinkedHashMap<>();
    /** Servers the services use (Postgres, Redis) and this JVM (the clients), metered beside the services. */
    private final List<ProcessCpu> alongside = new ArrayList<>();
    private ServiceSpec metadata;
    private ServiceSpec credential;
    private ServiceSpec gateway;

    static ServiceStack start(BenchEnvironment environment, PrintStream log) {
        Path repository = RepositoryRoot.locate(Path.of(""));
        ServiceJars jars = ServiceJars.forBuiltVersion(repository);
        Map<String, Path> jarOf = new LinkedHashMap<>();
        for (String module : MODULES) {
            Path jar = jars.locate(module);
            jarOf.put(module, jar);
            log.println("  " + repository.relativize(jar) + " built " + modified(jar));
        }
        PostgresEndpoint postgres = environment.postgres();
        // The embedded broker creates Uplink's topics (and their -dlt) on start.
        String kafka = environment.kafka().bootstrapServers();
        S3Endpoint s3 = environment.s3();
        var redis = environment.redis();

        ServiceStack stack = new ServiceStack();
        stack.jars.putAll(jarOf);
        ProcessCpu.postgresOn(postgres.port()).ifPresent(stack.alongside::add);
        ProcessCpu.redisStartedHere().ifPresent(stack.alongside::add);
        stack.alongside.add(ProcessCpu.thisJvm("this JVM (clients)"));
        try {
            Map<String, String> metadataEnv = common(freePort());
            metadataEnv.put("UPLINK_IDENTITY_TRUSTED_KEYS", TestIdentityKeys.TRUSTED_KEYS);
            metadataEnv.putAll(InfrastructureProperties.environment(postgres));
            metadataEnv.put("UPLINK_KAFKA_BOOTSTRAP", kafka);
            metadataEnv.putAll(InfrastructureProperties.environment(s3));
            metadataEnv.put("UPLINK_ENVIRONMENT", KEY_ENVIRONMENT);
            stack.metadata = new ServiceSpec("metadata", "metadata-service", Integer.parseInt(metadataEnv.get("PORT")), metadataEnv);

            Map<String, String> credentialEnv = common(freePort());
            credentialEnv.put("UPLINK_IDENTITY_TRUSTED_KEYS", TestIdentityKeys.TRUSTED_KEYS);
            credentialEnv.put("UPLINK_IDENTITY_PRIVATE_KEY", TestIdentityKeys.CREDENTIAL_PRIVATE_KEY);
            credentialEnv.putAll(InfrastructureProperties.environment(postgres));
            credentialEnv.put("UPLINK_KAFKA_BOOTSTRAP", kafka);
            credentialEnv.putAll(InfrastructureProperties.environment(s3));
            credentialEnv.put("UPLINK_METADATA_URL", stack.metadata.baseUrl());
            stack.credential = new ServiceSpec("credential", "credential-service", Integer.parseInt(credentialEnv.get("PORT")), credentialEnv);

            Map<String, String> gatewayEnv = common(freePort());
            // the benchmark signs the direct requests' assertions with the same (test) gateway key
            gatewayEnv.put("UPLINK_IDENTITY_TRUSTED_KEYS", TestIdentityKeys.TRUSTED_KEYS);
            gatewayEnv.put("UPLINK_IDENTITY_PRIVATE_KEY", TestIdentityKeys.GATEWAY_PRIVATE_KEY);
            gatewayEnv.put("UPLINK_REDIS_HOST", redis.host());
            gatewayEnv.put("UPLINK_REDIS_PORT", String.valueOf(redis.port()));
            // One upstream: the very instance the direct requests hit, so the only difference is the gateway.
            gatewayEnv.put("UPLINK_CREDENTIAL_INSTANCES", stack.credential.baseUrl());
            gatewayEnv.put("UPLINK_METADATA_URL", stack.metadata.baseUrl());
            gatewayEnv.put("UPLINK_CALLBACK_URL", "http://127.0.0.1:" + freePort());
            gatewayEnv.put("UPLINK_ENVIRONMENT", KEY_ENVIRONMENT);
            stack.gateway = new ServiceSpec("gateway", "gateway-service", Integer.parseInt(gatewayEnv.get("PORT")), gatewayEnv);

            Path logs = repository.resolve("bench/target/gateway-overhead-logs");
            for (ServiceSpec spec : List.of(stack.metadata, stack.credential, stack.gateway)) {
                Files.deleteIfExists(logs.resolve(spec.name() + ".log")); // this run's logs only
            }
            log.println("  starting metadata-service, credential-service and gateway-service (logs in "
                    + repository.relativize(logs) + ")…");
            for (ServiceSpec spec : List.of(stack.metadata, stack.credential, stack.gateway)) {
                List<String> jvmOptions = new ArrayList<>(JVM_OPTIONS);
                if (spec == stack.gateway) {
                    // No health-check override: a saturated credential-service answers its probe late, and the
                    // gateway must keep it in rotation because it keeps answering the benchmark's requests.
                    String extra = System.getenv(GATEWAY_JAVA_OPTS_ENV);
                    if (extra != null && !extra.isBlank()) {
                        jvmOptions.addAll(List.of(extra.trim().split("\\s+")));
                    }
                }
                // as built, with -jar: a class-data archive speeds up start-up only, and the first run after a build
                // would record one while measured (gateway and direct rates about a quarter lower, measured)
                stack.processes.add(ServiceProcess.start(spec, ExtractedJar.asBuilt(jarOf.get(spec.module())),
                        jvmOptions, repository, logs, null, 12));
            }
            ReadinessProbe probe = new ReadinessProbe();
            for (ServiceProcess process : stack.processes) {
                try {
                    Duration took = probe.awaitReady(process.spec().name(), URI.create(process.spec().readinessUrl()),
                            process::isAlive, STARTUP_TIMEOUT);
                    log.printf("  %s ready on %s after %.1f s%n", process.spec().name(), process.spec().baseUrl(), took.toMillis() / 1000.0);
                } catch (ReadinessProbe.ServiceStartException e) {
                    throw new IllegalStateException(e.getMessage() + "; last lines:\n  " + String.join("\n  ", process.tail()), e);
                }
            }
            return stack;
        } catch (IOException e) {
            stack.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    URI metadataUrl() {
        return URI.create(metadata.baseUrl());
    }

    URI credentialUrl() {
        return URI.create(credential.baseUrl());
    }

    URI gatewayUrl() {
        return URI.create(gateway.baseUrl());
    }

    /**
     * CPU meters of the service processes, then of Postgres, Redis and this JVM (without those whose CPU time the OS
     * does not report).
     */
    List<ProcessCpu> processCpus() {
        List<ProcessCpu> cpus = new ArrayList<>();
        for (ServiceProcess process : processes) {
            ProcessCpu.childRunning(process.spec().name(), jars.get(process.spec().module()).getFileName().toString())
                    .ifPresent(cpus::add);
        }
        cpus.addAll(alongside);
        return cpus;
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).stop(Duration.ofSeconds(10));
        }
        processes.clear();
    }

    private static Map<String, String> common(int port) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PORT", String.valueOf(port));
        return environment;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Printed so that a stale jar (sources changed since) is noticed before its figures are believed. */
    private static Instant modified(Path jar) {
        try {
            return Files.getLastModifiedTime(jar).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
