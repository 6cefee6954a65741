package io.uplink.bench.metadata;

import io.uplink.testsupport.identity.TestIdentityKeys;
import io.uplink.bench.OwnApplicationYaml;
import io.uplink.metadata.MetadataServiceApplication;
import io.uplink.testsupport.KafkaEndpoint;
import io.uplink.testsupport.PostgresEndpoint;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The real metadata-service, started in-process from its plain jar against the benchmark's servers. Settings go in
 * as command-line arguments: {@code SpringApplicationBuilder.properties()} are only defaults, and application.yml's
 * {@code ${UPLINK_…:default}} placeholders win over them.
 */
final class RunningMetadataService implements AutoCloseable {


    private final ConfigurableApplicationContext context;

    private RunningMetadataService(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * Listeners do not start on their own ({@code spring.kafka.listener.auto-startup=false}): the ingest benchmark
     * starts the storage-events container itself to time it, the list benchmark never consumes. The outbox relay
     * is off: ingestion writes the outbox rows in its transactions either way, the relay only drains them
     * asynchronously and would compete for the two cores with the figure under test.
     */
    static RunningMetadataService start(PostgresEndpoint postgres, KafkaEndpoint kafka, String consumerGroup,
                                        String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                OwnApplicationYaml.configLocationArgument(MetadataServiceApplication.class),
                "--server.port=0",
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.kafka.consumer.group-id=" + consumerGroup,
                "--spring.kafka.listener.auto-startup=false",
                "--uplink.identity.trusted-keys=" + TestIdentityKeys.TRUSTED_KEYS,
                "--uplink.metadata.outbox.relay.enabled=false",
                // Never called by these benchmarks; set so the S3 client does not look for AWS credentials.
                "--uplink.metadata.storage.endpoint=http://127.0.0.1:9",
                "--uplink.metadata.storage.access-key=bench",
                "--uplink.metadata.storage.secret-key=bench-secret",
                "--management.tracing.sampling.probability=0",
                "--logging.level.root=WARN",
                "--spring.main.banner-mode=off"));
        arguments.addAll(List.of(extraArguments));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(MetadataServiceApplication.class)
                .web(WebApplicationType.SERVLET)
                .logStartupInfo(false)
                .run(arguments.toArray(String[]::new));
        return new RunningMetadataService(context);
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @Override
    public void close() {
        context.close();
    }
}
