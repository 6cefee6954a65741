package io.uplink.testsupport.notification;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Publishes bucket notifications to Kafka as MinIO's Kafka target does (acks=all, keyed by {@code bucket/key}, so
 * one object's events stay in order on one partition). Sending happens on one background thread in the order the
 * store handed the notifications over: an S3 request never waits for Kafka and never fails because of it. While
 * Kafka is away, notifications wait (each up to two minutes, at most {@value #WAITING_LIMIT} of them), then are
 * logged and dropped; the reconciler finds those objects later, as it would after a MinIO outage.
 */
public final class StorageNotificationPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StorageNotificationPublisher.class);
    private static final int WAITING_LIMIT = 10_000;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** As long as the producer's delivery timeout: how long one notification waits for Kafka to come back. */
    private static final Duration WAIT_FOR_KAFKA = Duration.ofMinutes(2);

    private final String topic;
    private final KafkaProducer<String, byte[]> producer;
    private final ThreadPoolExecutor sender;

    public StorageNotificationPublisher(KafkaNotificationTarget target) {
        this.topic = target.topic();
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, "uplink-embedded-s3-notifications",
                ProducerConfig.ACKS_CONFIG, "all",
                // How long the sending thread waits for topic metadata while Kafka cannot be reached.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(WAITING_LIMIT), runnable -> {
                    Thread thread = new Thread(runnable, "storage-notifications");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Hands the notification over for sending; returns at once and never throws. */
    public void publish(MinioNotification notification) {
        try {
            sender.execute(() -> send(notification));
        } catch (RejectedExecutionException e) {
            log.warn("storage notification {} {} dropped: {} notifications are already waiting for Kafka",
                    notification.eventName(), notification.recordKey(), WAITING_LIMIT);
        }
    }

    private void send(MinioNotification notification) {
        if (!awaitTopicMetadata(notification)) {
            return;
        }
        producer.send(new ProducerRecord<>(topic, notification.recordKey(), notification.json()), (metadata, error) -> {
            if (error != null) {
                notPublished(notification, error);
            }
        });
    }

    /**
     * Waits while Kafka is away and the producer does not know the topic's partitions (after a broker restart it
     * forgets them), so that later notifications wait behind this one instead of overtaking it.
     */
    private boolean awaitTopicMetadata(MinioNotification notification) {
        Instant giveUp = Instant.now().plus(WAIT_FOR_KAFKA);
        while (true) {
            try {
                producer.partitionsFor(topic);
                return true;
            } catch (TimeoutException e) {
                if (Instant.now().isAfter(giveUp)) {
                    notPublished(notification, e);
                    return false;
                }
            } catch (RuntimeException e) {
                // Also InterruptException: closing gave up waiting for Kafka.
                notPublished(notification, e);
                return false;
            }
        }
    }

    private void notPublished(MinioNotification notification, Exception error) {
        log.warn("storage notification {} {} not published to {}: {}", notification.eventName(),
                notification.recordKey(), topic, error.toString());
    }

    /** Sends what is waiting (for a bounded time), then closes the producer. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
        producer.close(CLOSE_TIMEOUT);
    }
}
