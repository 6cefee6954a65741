package io.uplink.localstack;

import io.uplink.contracts.Topics;
import io.uplink.localstack.launch.LaunchOptions;
import io.uplink.localstack.launch.ServicePlan;
import io.uplink.testsupport.EmbeddedKafkaServer;
import io.uplink.testsupport.EmbeddedPostgresServer;
import io.uplink.testsupport.EmbeddedRedisServer;
import io.uplink.testsupport.EmbeddedS3Server;
import io.uplink.testsupport.notification.KafkaNotificationTarget;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The real servers under the local stack: PostgreSQL (data in {@code <data>/postgres}), a Kafka KRaft broker,
 * S3Proxy (objects in {@code <data>/s3}) and Redis. Postgres and the objects survive a restart; Kafka and Redis
 * start empty each time (topics are created on start). Like MinIO in production, the store publishes bucket
 * notifications to {@link Topics#STORAGE_EVENTS} (unless turned off), so uploads are recorded without waiting for
 * the reconciler.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    public static final String BUCKET = "uplink-uploads";

    private final Deque<Runnable> stopInReverse = new ArrayDeque<>();
    private ServicePlan.Infrastructure endpoints;
    private EmbeddedPostgresServer postgres;
    private Path postgresData;
    private EmbeddedKafkaServer kafka;
    private EmbeddedRedisServer redis;

    /**
     * PostgreSQL and Redis start in the background while Kafka and then S3Proxy (which announces to Kafka) start
     * here: the infrastructure is ready when the slowest chain is, not after the sum of all four.
     */
    public static EmbeddedInfrastructure start(LaunchOptions options, Path dataDirectory, PrintStream log) {
        EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure();
        infrastructure.postgresData = dataDirectory.resolve("postgres");
        log.println("infra      | starting PostgreSQL 17 (data in " + infrastructure.postgresData + ")");
        CompletableFuture<EmbeddedPostgresServer> startingPostgres = CompletableFuture.supplyAsync(
                () -> EmbeddedPostgresServer.start(options.postgresPort(), infrastructure.postgresData));
        log.println("infra      | starting Redis");
        CompletableFuture<EmbeddedRedisServer> startingRedis = CompletableFuture.supplyAsync(
                () -> EmbeddedRedisServer.start(options.redisPort()));
        try {
            log.println("infra      | starting Kafka (KRaft, on a free port)");
            EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start(0, ServicePlan.KAFKA_PARTITIONS);
            infrastructure.kafka = kafka;
            infrastructure.stopInReverse.push(kafka::close);

            KafkaNotificationTarget notifications = options.storageNotifications()
                    ? new KafkaNotificationTarget(kafka.endpoint().bootstrapServers(), Topics.STORAGE_EVENTS,
                            options.storageNotificationsPrefix()) : null;
            log.println("infra      | starting S3Proxy (objects in " + dataDirectory.resolve("s3")
                    + (notifications == null ? ", no notifications" : ", notifications to " + Topics.STORAGE_EVENTS)
                    + ")");
            EmbeddedS3Server s3 = EmbeddedS3Server.start(options.s3Port(), dataDirectory.resolve("s3"), BUCKET,
                    notifications);
            infrastructure.stopInReverse.push(s3::close);

            infrastructure.postgres = started(startingPostgres);
            infrastructure.stopInReverse.push(infrastructure::stopPostgres);
            infrastructure.redis = started(startingRedis);
            infrastructure.stopInReverse.push(infrastructure.redis::close);

            infrastructure.endpoints = new ServicePlan.Infrastructure(infrastructure.postgres.endpoint(), kafka.endpoint(),
                    s3.endpoint(), infrastructure.redis.endpoint());
            return infrastructure;
        } catch (RuntimeException | Error e) {
            // What started in the background but was not taken over yet is stopped too, once its start is over.
            if (infrastructure.postgres == null) {
                startingPostgres.thenAccept(EmbeddedPostgresServer::close);
            }
            if (infrastructure.redis == null) {
                startingRedis.thenAccept(EmbeddedRedisServer::close);
            }
            infrastructure.close();
            throw e;
        }
    }

    private static <T> T started(CompletableFuture<T> starting) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Stops PostgreSQL (a fast shutdown: clients are disconnected); its data stays. Idempotent. */
    public synchronized void stopPostgres() {
        if (postgres != null) {
            EmbeddedPostgresServer running = postgres;
            postgres = null;
            running.close();
        }
    }

    /** Starts PostgreSQL again on the same port with the same data, after {@link #stopPostgres()}. */
    public synchronized void startPostgres() {
        if (postgres == null) {
            postgres = EmbeddedPostgresServer.start(endpoints.postgres().port(), postgresData);
        }
    }

    /** Stops the Kafka broker (a clean shutdown); its port and logs stay for {@link #startKafka()}. Idempotent. */
    public synchronized void stopKafka() {
        kafka.stop();
    }

    /** Starts the Kafka broker again on the same port with the same logs and waits until it leads its partitions. */
    public synchronized void startKafka() {
        kafka.restart();
    }

    public ServicePlan.Infrastructure endpoints() {
        return endpoints;
    }

    /** Stops what started, newest first; one server failing to stop does not keep the others running. */
    @Override
    public void close() {
        while (!stopInReverse.isEmpty()) {
            try {
                stopInReverse.pop().run();
            } catch (RuntimeException e) {
                System.err.println("infra      | stopping failed: " + e.getMessage());
            }
        }
    }
}
