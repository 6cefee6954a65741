package io.uplink.testsupport.notification;

/**
 * Where an embedded store publishes its bucket notifications, as MinIO's Kafka target is configured.
 *
 * @param keyPrefix only keys under it are announced, as MinIO's {@code mc event add --prefix}; empty for every key
 */
public record KafkaNotificationTarget(String bootstrapServers, String topic, String keyPrefix) {

    public KafkaNotificationTarget {
        keyPrefix = keyPrefix == null ? "" : keyPrefix;
    }

    public KafkaNotificationTarget(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, "");
    }

    public boolean announces(String key) {
        return key != null && key.startsWith(keyPrefix);
    }
}
