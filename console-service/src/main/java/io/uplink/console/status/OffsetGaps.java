package io.uplink.console.status;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;

/** The arithmetic of the Kafka card: distances between offsets, summed over partitions. */
final class OffsetGaps {

    private OffsetGaps() {
    }

    /**
     * A consumer group's lag: for each partition it committed an offset on, the log end offset minus that offset.
     * A partition whose end offset is unknown counts nothing; a commit ahead of a freshly read end offset counts 0.
     */
    static long consumerLag(Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> logEnd) {
        long lag = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> commit : committed.entrySet()) {
            Long end = logEnd.get(commit.getKey());
            if (commit.getValue() != null && end != null) {
                lag += Math.max(0, end - commit.getValue().offset());
            }
        }
        return lag;
    }

    /**
     * The records a topic holds: end minus beginning offset, per partition. Transaction markers take offsets too, so
     * for a transactional producer's topic this is an upper bound.
     */
    static long records(Map<TopicPartition, Long> beginning, Map<TopicPartition, Long> end) {
        long records = 0;
        for (Map.Entry<TopicPartition, Long> last : end.entrySet()) {
            Long first = beginning.get(last.getKey());
            if (first != null && last.getValue() != null) {
                records += Math.max(0, last.getValue() - first);
            }
        }
        return records;
    }
}
