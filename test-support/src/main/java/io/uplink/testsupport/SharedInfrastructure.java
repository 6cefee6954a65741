package io.uplink.testsupport;

import io.uplink.testsupport.docker.ContainerInfrastructure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * One set of real servers per test JVM, started lazily on first use and shared by every test class, stopped when
 * the JVM exits. Embedded servers by default; Testcontainers (Kafka, Postgres, MinIO, Redis) when
 * {@code UPLINK_TEST_DOCKER=true} (or {@code -Duplink.test.docker=true}) and a Docker engine answers.
 */
public final class SharedInfrastructure {

    public static final String BUCKET = "uplink-uploads";
    public static final int PARTITIONS = 3;

    private static final List<AutoCloseable> STARTED = Collections.synchronizedList(new ArrayList<>());
    private static final Lazy<PostgresEndpoint> POSTGRES = new Lazy<>(() -> useDocker()
            ? ContainerInfrastructure.postgres(STARTED::add)
            : register(EmbeddedPostgresServer.start(0, null)).endpoint());
    private static final Lazy<KafkaEndpoint> KAFKA = new Lazy<>(() -> useDocker()
            ? ContainerInfrastructure.kafka(STARTED::add)
            : register(EmbeddedKafkaServer.start(0, PARTITIONS)).endpoint());
    private static final Lazy<S3Endpoint> S3 = new Lazy<>(() -> useDocker()
            ? ContainerInfrastructure.s3(BUCKET, STARTED::add)
            : register(EmbeddedS3Server.start(0, null, BUCKET)).endpoint());
    private static final Lazy<RedisEndpoint> REDIS = new Lazy<>(() -> useDocker()
            ? ContainerInfrastructure.redis(STARTED::add)
            : register(EmbeddedRedisServer.start(0)).endpoint());

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SharedInfrastructure::stopAll, "uplink-test-infra-stop"));
    }

    private SharedInfrastructure() {
    }

    public static PostgresEndpoint postgres() {
        return POSTGRES.get();
    }

    public static KafkaEndpoint kafka() {
        return KAFKA.get();
    }

    public static S3Endpoint s3() {
        return S3.get();
    }

    public static RedisEndpoint redis() {
        return REDIS.get();
    }

    public static void start(Infra infra) {
        switch (infra) {
            case POSTGRES -> postgres();
            case KAFKA -> kafka();
            case S3 -> s3();
            case REDIS -> redis();
        }
    }

    static boolean useDocker() {
        boolean asked = Boolean.parseBoolean(System.getenv("UPLINK_TEST_DOCKER"))
                || Boolean.getBoolean("uplink.test.docker");
        return asked && ContainerInfrastructure.dockerAvailable();
    }

    private static <T extends AutoCloseable> T register(T server) {
        STARTED.add(server);
        return server;
    }

    private static void stopAll() {
        List<AutoCloseable> servers = new ArrayList<>(STARTED);
        Collections.reverse(servers);
        for (AutoCloseable server : servers) {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("could not stop " + server + ": " + e);
            }
        }
    }

    private static final class Lazy<T> {
        private final Supplier<T> supplier;
        private volatile T value;

        Lazy(Supplier<T> supplier) {
            this.supplier = supplier;
        }

        T get() {
            T result = value;
            if (result == null) {
                synchronized (this) {
                    result = value;
                    if (result == null) {
                        result = supplier.get();
                        value = result;
                    }
                }
            }
            return result;
        }
    }
}
