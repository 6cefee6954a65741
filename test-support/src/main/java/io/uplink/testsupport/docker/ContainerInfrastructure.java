package io.uplink.testsupport.docker;

import io.uplink.testsupport.KafkaEndpoint;
import io.uplink.testsupport.PostgresEndpoint;
import io.uplink.testsupport.RedisEndpoint;
import io.uplink.testsupport.S3Endpoint;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.containers.MinIOContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.function.Consumer;

/**
 * The same servers as containers, for machines with a Docker engine. Only loaded when asked for, so the
 * embedded path never touches Docker.
 */
public final class ContainerInfrastructure {

    private ContainerInfrastructure() {
    }

    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    public static PostgresEndpoint postgres(Consumer<AutoCloseable> onStarted) {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17")
                .withDatabaseName("uplink")
                .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=20",
                        "-c", "max_wal_senders=20", "-c", "max_connections=300");
        container.start();
        onStarted.accept(container::stop);
        return new PostgresEndpoint(container.getHost(), container.getMappedPort(5432), "uplink",
                container.getUsername(), container.getPassword());
    }

    public static KafkaEndpoint kafka(Consumer<AutoCloseable> onStarted) {
        KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1");
        container.start();
        onStarted.accept(container::stop);
        return new KafkaEndpoint(container.getBootstrapServers());
    }

    public static S3Endpoint s3(String bucket, Consumer<AutoCloseable> onStarted) {
        MinIOContainer container = new MinIOContainer("minio/minio:latest");
        container.start();
        onStarted.accept(container::stop);
        S3Endpoint endpoint = new S3Endpoint(URI.create(container.getS3URL()), "us-east-1",
                container.getUserName(), container.getPassword(), bucket);
        try (S3Client client = S3Client.builder()
                .endpointOverride(endpoint.endpoint())
                .region(Region.of(endpoint.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(endpoint.accessKey(), endpoint.secretKey())))
                .build()) {
            client.createBucket(request -> request.bucket(bucket));
        }
        return endpoint;
    }

    public static RedisEndpoint redis(Consumer<AutoCloseable> onStarted) {
        GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        container.start();
        onStarted.accept(container::stop);
        return new RedisEndpoint(container.getHost(), container.getMappedPort(6379));
    }
}
