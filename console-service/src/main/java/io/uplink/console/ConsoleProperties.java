package io.uplink.console;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * @param gatewayUrl where the console calls the public API (the gateway), with the signed-in user's credential
 * @param gatewayTimeout how long one API call may take before the page shows an error
 * @param kafkaBootstrap the Kafka cluster whose consumer lag and dead-letter counts the status page shows; blank = none
 * @param instances the service instances the status page checks, each {@code name=http://host:management-port}
 * @param sessionIdle how long a session lives without a request
 */
@Validated
@ConfigurationProperties("uplink.console")
public record ConsoleProperties(@NotNull URI gatewayUrl, Duration gatewayTimeout, String kafkaBootstrap,
                                List<String> instances, Duration sessionIdle) {

    public ConsoleProperties {
        gatewayTimeout = gatewayTimeout == null ? Duration.ofSeconds(10) : gatewayTimeout;
        kafkaBootstrap = kafkaBootstrap == null || kafkaBootstrap.isBlank() ? null : kafkaBootstrap.trim();
        instances = instances == null ? List.of() : instances.stream().filter(entry -> !entry.isBlank()).toList();
        sessionIdle = sessionIdle == null ? Duration.ofMinutes(30) : sessionIdle;
    }
}
