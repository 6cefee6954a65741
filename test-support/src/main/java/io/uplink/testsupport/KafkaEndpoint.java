package io.uplink.testsupport;

/** How to reach a running Kafka broker. */
public record KafkaEndpoint(String bootstrapServers) {
}
