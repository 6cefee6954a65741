package io.uplink.console.status;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetGapsTest {

    private static final TopicPartition EVENTS_0 = new TopicPartition("uplink.files.events", 0);
    private static final TopicPartition EVENTS_1 = new TopicPartition("uplink.files.events", 1);
    private static final TopicPartition UPLOADS_0 = new TopicPartition("uplink.uploads.completed", 0);

    @Test
    void lagIsTheSumOverCommittedPartitionsOfEndMinusCommitted() {
        Map<TopicPartition, OffsetAndMetadata> committed = Map.of(
                EVENTS_0, new OffsetAndMetadata(10), EVENTS_1, new OffsetAndMetadata(7), UPLOADS_0, new OffsetAndMetadata(0));
        Map<TopicPartition, Long> logEnd = Map.of(EVENTS_0, 15L, EVENTS_1, 7L, UPLOADS_0, 3L);

        assertThat(OffsetGaps.consumerLag(committed, logEnd)).isEqualTo(5 + 0 + 3);
    }

    @Test
    void aPartitionWithoutEndOffsetOrCommitCountsNothingAndACommitAheadOfTheEndCountsZero() {
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        committed.put(EVENTS_0, new OffsetAndMetadata(20));
        committed.put(EVENTS_1, null);
        committed.put(UPLOADS_0, new OffsetAndMetadata(4));

        assertThat(OffsetGaps.consumerLag(committed, Map.of(EVENTS_0, 18L, EVENTS_1, 9L))).isZero();
        assertThat(OffsetGaps.consumerLag(Map.of(), Map.of(EVENTS_0, 18L))).isZero();
    }

    @Test
    void recordsAreEndMinusBeginningSummedOverPartitions() {
        Map<TopicPartition, Long> beginning = Map.of(EVENTS_0, 0L, EVENTS_1, 5L);
        Map<TopicPartition, Long> end = Map.of(EVENTS_0, 3L, EVENTS_1, 9L);

        assertThat(OffsetGaps.records(beginning, end)).isEqualTo(3 + 4);
        assertThat(OffsetGaps.records(Map.of(EVENTS_0, 2L), Map.of(EVENTS_0, 2L, EVENTS_1, 9L))).isZero();
    }
}
