package io.uplink.console.status;

import java.util.List;

/**
 * What the Kafka card shows.
 *
 * @param configured whether the console knows a cluster at all
 * @param problem why the cluster could not be read; null when it could
 */
public record KafkaStatus(boolean configured, String problem, List<GroupLag> groups, List<DeadLetterTopic> deadLetterTopics) {

    /** A consumer group and how many records its members have not consumed yet. */
    public record GroupLag(String groupId, String state, int partitions, long lag) {

        public String badge() {
            return HealthStatus.badge(state);
        }
    }

    /** A dead-letter topic and the records in it. */
    public record DeadLetterTopic(String topic, int partitions, long records) {
    }

    static KafkaStatus notConfigured() {
        return new KafkaStatus(false, null, List.of(), List.of());
    }

    static KafkaStatus unavailable(String problem) {
        return new KafkaStatus(true, problem, List.of(), List.of());
    }
}
