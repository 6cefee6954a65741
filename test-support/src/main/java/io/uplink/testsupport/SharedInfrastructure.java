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
    /** The storage target name {@link Infra#SECOND_S3} is configured under, and its bucket. */
    public static final String SECOND_TARGET = "second";
    public static final String SECOND_BUCKET = "uplink-second";

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
    // In memory and embedded even where Docker serves the others: it only has to be a store with other keys.
    private static final Lazy<S3Endpoint> SECOND_S3 = new Lazy<>(() -> register(PrivateS3Store.start(SECOND_BUCKET,
            "second-store-access", "second-store-secret-0123456789abcdef")).endpoint());
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

    /** The second store ({@link Infra#SECOND_S3}). */
    public static S3Endpoint secondS3() {
        return SECOND_S3.get();
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
            case SECOND_S3 -> secondS3();
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
