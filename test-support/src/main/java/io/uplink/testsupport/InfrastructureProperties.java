package io.uplink.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Spring properties and the environment variables (as the services' application.yml and docker-compose.yml
 * name them) that point a service at the servers.
 */
public final class InfrastructureProperties {

    private InfrastructureProperties() {
    }

    /** Starts what is missing and returns Spring property names for it. */
    public static Map<String, Object> forSpring(Set<Infra> infra) {
        Map<String, Object> properties = new LinkedHashMap<>();
        forEnvironment(infra).forEach(properties::put);
        if (infra.contains(Infra.POSTGRES)) {
            PostgresEndpoint postgres = SharedInfrastructure.postgres();
            properties.put("spring.datasource.url", postgres.jdbcUrl());
            properties.put("spring.datasource.username", postgres.username());
            properties.put("spring.datasource.password", postgres.password());
        }
        if (infra.contains(Infra.KAFKA)) {
            properties.put("spring.kafka.bootstrap-servers", SharedInfrastructure.kafka().bootstrapServers());
        }
        if (infra.contains(Infra.S3)) {
            S3Endpoint s3 = SharedInfrastructure.s3();
            // the store of credential-service and of metadata-service: each reads its own prefix
            for (String prefix : List.of("uplink.credential.storage.", "uplink.metadata.storage.")) {
                properties.put(prefix + "endpoint", s3.endpoint().toString());
                properties.put(prefix + "region", s3.region());
                properties.put(prefix + "access-key", s3.accessKey());
                properties.put(prefix + "secret-key", s3.secretKey());
                properties.put(prefix + "bucket", s3.bucket());
                properties.put(prefix + "path-style-access", "true");
            }
        }
        if (infra.contains(Infra.SECOND_S3)) {
            S3Endpoint second = SharedInfrastructure.secondS3();
            for (String service : List.of("credential", "metadata")) {
                String prefix = "uplink." + service + ".storage.targets." + SharedInfrastructure.SECOND_TARGET + ".";
                properties.put(prefix + "endpoint", second.endpoint().toString());
                properties.put(prefix + "region", second.region());
                properties.put(prefix + "access-key", second.accessKey());
                properties.put(prefix + "secret-key", second.secretKey());
                properties.put(prefix + "bucket", second.bucket());
                properties.put(prefix + "path-style-access", "true");
            }
        }
        if (infra.contains(Infra.REDIS)) {
            RedisEndpoint redis = SharedInfrastructure.redis();
            properties.put("spring.data.redis.host", redis.host());
            properties.put("spring.data.redis.port", String.valueOf(redis.port()));
        }
        return properties;
    }

    /** Environment variables for a service started as a separate process against the shared servers. */
    public static Map<String, String> forEnvironment(Set<Infra> infra) {
        Map<String, String> env = new LinkedHashMap<>();
        if (infra.contains(Infra.POSTGRES)) {
            env.putAll(environment(SharedInfrastructure.postgres()));
        }
        if (infra.contains(Infra.KAFKA)) {
            env.putAll(environment(SharedInfrastructure.kafka()));
        }
        if (infra.contains(Infra.S3)) {
            env.putAll(environment(SharedInfrastructure.s3()));
        }
        if (infra.contains(Infra.REDIS)) {
            env.putAll(environment(SharedInfrastructure.redis()));
        }
        return env;
    }

    public static Map<String, String> environment(PostgresEndpoint postgres) {
        return Map.of("UPLINK_DB_URL", postgres.jdbcUrl(),
                "UPLINK_DB_USER", postgres.username(),
                "UPLINK_DB_PASSWORD", postgres.password());
    }

    public static Map<String, String> environment(KafkaEndpoint kafka) {
        return Map.of("UPLINK_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
    }

    public static Map<String, String> environment(S3Endpoint s3) {
        // Path-style: S3Proxy (and MinIO by service name) have no virtual-host buckets.
        return Map.of("UPLINK_S3_ENDPOINT", s3.endpoint().toString(),
                "UPLINK_S3_REGION", s3.region(),
                "UPLINK_S3_ACCESS_KEY", s3.accessKey(),
                "UPLINK_S3_SECRET_KEY", s3.secretKey(),
                "UPLINK_S3_BUCKET", s3.bucket(),
                "UPLINK_S3_PATH_STYLE", "true");
    }

    public static Map<String, String> environment(RedisEndpoint redis) {
        return Map.of("UPLINK_REDIS_HOST", redis.host(), "UPLINK_REDIS_PORT", String.valueOf(redis.port()));
    }
}
