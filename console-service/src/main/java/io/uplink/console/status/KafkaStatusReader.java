package io.uplink.console.status;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Reads consumer lag and dead-letter counts from the cluster itself, so they are right even when the consuming
 * services are down. Every call waits {@link KafkaAdminConfiguration#TIMEOUT_MS} at most; the first one that fails
 * ends the read with its reason.
 */
@Component
class KafkaStatusReader {

    /** Dead-letter topics are the source topic's name with this suffix ({@code uplink.files.events-dlt}). */
    static final String DEAD_LETTER_SUFFIX = "-dlt";

    private final ObjectProvider<Admin> admin;

    KafkaStatusReader(ObjectProvider<Admin> admin) {
        this.admin = admin;
    }

    KafkaStatus read() {
        Admin kafka = admin.getIfAvailable();
        if (kafka == null) {
            return KafkaStatus.notConfigured();
        }
        try {
            return new KafkaStatus(true, null, consumerLag(kafka), deadLetterTopics(kafka));
        } catch (TimeoutException e) {
            return KafkaStatus.unavailable(noAnswer());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                return KafkaStatus.unavailable(noAnswer());
            }
            return KafkaStatus.unavailable(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return KafkaStatus.unavailable("interrupted");
        }
    }

    private static String noAnswer() {
        return "Kafka did not answer within " + KafkaAdminConfiguration.TIMEOUT_MS / 1000 + " s";
    }

    private List<KafkaStatus.GroupLag> consumerLag(Admin kafka)
            throws ExecutionException, InterruptedException, TimeoutException {
        // all(), not valid(): a broker that cannot list its groups makes the table incomplete, which is a problem
        Collection<GroupListing> groups = await(kafka.listGroups(
                ListGroupsOptions.forConsumerGroups().timeoutMs(KafkaAdminConfiguration.TIMEOUT_MS)).all());
        if (groups.isEmpty()) {
            return List.of();
        }
        Map<String, ListConsumerGroupOffsetsSpec> everyPartition = groups.stream().collect(Collectors.toMap(
                GroupListing::groupId, group -> new ListConsumerGroupOffsetsSpec(), (a, b) -> a, TreeMap::new));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = await(kafka.listConsumerGroupOffsets(
                everyPartition, new ListConsumerGroupOffsetsOptions().timeoutMs(KafkaAdminConfiguration.TIMEOUT_MS)).all());
        Set<TopicPartition> partitions = new HashSet<>();
        committed.values().forEach(offsets -> partitions.addAll(offsets.keySet()));
        Map<TopicPartition, Long> logEnd = offsets(kafka, partitions, OffsetSpec.latest());

        List<KafkaStatus.GroupLag> lags = new ArrayList<>();
        for (GroupListing group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = committed.getOrDefault(group.groupId(), Map.of());
            lags.add(new KafkaStatus.GroupLag(group.groupId(),
                    group.groupState().map(Enum::name).orElse("UNKNOWN"), offsets.size(),
                    OffsetGaps.consumerLag(offsets, logEnd)));
        }
        lags.sort(Comparator.comparing(KafkaStatus.GroupLag::groupId));
        return lags;
    }

    private List<KafkaStatus.DeadLetterTopic> deadLetterTopics(Admin kafka)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<String> topics = await(kafka.listTopics(new ListTopicsOptions().timeoutMs(KafkaAdminConfiguration.TIMEOUT_MS))
                .names()).stream().filter(name -> name.endsWith(DEAD_LETTER_SUFFIX)).sorted().toList();
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = await(kafka.describeTopics(topics,
                new DescribeTopicsOptions().timeoutMs(KafkaAdminConfiguration.TIMEOUT_MS)).allTopicNames());
        Set<TopicPartition> partitions = new HashSet<>();
        descriptions.values().forEach(topic -> topic.partitions().forEach(partition ->
                partitions.add(new TopicPartition(topic.name(), partition.partition()))));
        Map<TopicPartition, Long> beginning = offsets(kafka, partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> end = offsets(kafka, partitions, OffsetSpec.latest());

        List<KafkaStatus.DeadLetterTopic> deadLetters = new ArrayList<>();
        for (String topic : topics) {
            deadLetters.add(new KafkaStatus.DeadLetterTopic(topic, descriptions.get(topic).partitions().size(),
                    OffsetGaps.records(ofTopic(beginning, topic), ofTopic(end, topic))));
        }
        return deadLetters;
    }

    private static Map<TopicPartition, Long> offsets(Admin kafka, Set<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(partition -> partition, partition -> spec));
        ListOffsetsResult answers = kafka.listOffsets(request,
                new ListOffsetsOptions().timeoutMs(KafkaAdminConfiguration.TIMEOUT_MS));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            try {
                offsets.put(partition, await(answers.partitionResult(partition)).offset());
            } catch (ExecutionException e) {
                // a group may still hold commits for a topic deleted since: that partition counts nothing
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return offsets;
    }

    private static Map<TopicPartition, Long> ofTopic(Map<TopicPartition, Long> offsets, String topic) {
        return offsets.entrySet().stream().filter(entry -> entry.getKey().topic().equals(topic))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The admin client's own timeout ends a call first; this one guards against a future that never completes. */
    private static <T> T await(KafkaFuture<T> future) throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(KafkaAdminConfiguration.TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS);
    }
}
