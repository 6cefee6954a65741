package io.uplink.servlet.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** @param timeout how long the health check waits for the cluster before it reports Kafka down */
@ConfigurationProperties("uplink.kafka-health")
public record KafkaHealthProperties(@DefaultValue("3s") Duration timeout) {
}
