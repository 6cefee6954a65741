package io.uplink.testsupport.notification;

/** Where an embedded store publishes its bucket notifications, as MinIO's Kafka target is configured. */
public record KafkaNotificationTarget(String bootstrapServers, String topic) {
}
