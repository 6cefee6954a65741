package io.uplink.metadata;

import io.uplink.servlet.kafka.KafkaHealthConfiguration;
import io.uplink.servlet.limits.RequestBodyLimitConfiguration;
import io.uplink.servlet.shutdown.ShutdownDrainConfiguration;
import io.uplink.servlet.trace.TracingConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import({KafkaHealthConfiguration.class, RequestBodyLimitConfiguration.class, ShutdownDrainConfiguration.class,
        TracingConfiguration.class})
public class MetadataServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(MetadataServiceApplication.class, args);
    }
}
