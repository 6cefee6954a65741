package io.uplink.testsupport.notification;

import io.uplink.testsupport.EmbeddedKafkaServer;
import io.uplink.testsupport.EmbeddedS3Server;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A broker of its own, stopped under the notifying store: what was announced meanwhile arrives once it is back. */
class NotificationsAcrossKafkaRestartTest {

    private static final String BUCKET = "uplink-uploads";
    private static final String TOPIC = "storage-events-restart";
    private static EmbeddedKafkaServer kafka;

    @BeforeAll
    static void startABrokerOfItsOwn() {
        kafka = EmbeddedKafkaServer.start(0, 1);
        kafka.createTopics(TOPIC);
    }

    @AfterAll
    static void stopIt() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void notificationsOfRequestsMadeWhileTheBrokerIsDownArriveInOrderOnceItIsBack() {
        String address = kafka.endpoint().bootstrapServers();
        try (EmbeddedS3Server server = EmbeddedS3Server.start(0, null, BUCKET, new KafkaNotificationTarget(address, TOPIC));
             S3Client s3 = S3Clients.of(server);
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, address,
                     ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                     ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.assign(List.of(new TopicPartition(TOPIC, 0)));
            consumer.seekToBeginning(consumer.assignment());
            List<String> seen = new ArrayList<>();
            s3.putObject(request -> request.bucket(BUCKET).key("tenants/acme/a.txt"), RequestBody.fromString("a"));
            await(consumer, seen, 1);

            kafka.stop();
            Instant outage = Instant.now();
            s3.putObject(request -> request.bucket(BUCKET).key("tenants/acme/b.txt"), RequestBody.fromString("b"));
            s3.deleteObject(request -> request.bucket(BUCKET).key("tenants/acme/a.txt"));
            assertThat(Duration.between(outage, Instant.now())).as("requests while Kafka is down")
                    .isLessThan(Duration.ofSeconds(5));
            kafka.restart();

            await(consumer, seen, 3);
            assertThat(seen).containsExactly(
                    "s3:ObjectCreated:Put " + BUCKET + "/tenants/acme/a.txt",
                    "s3:ObjectCreated:Put " + BUCKET + "/tenants/acme/b.txt",
                    "s3:ObjectRemoved:Delete " + BUCKET + "/tenants/acme/a.txt");
        }
    }

    private static void await(KafkaConsumer<String, byte[]> consumer, List<String> seen, int count) {
        Instant deadline = Instant.now().plusSeconds(90);
        while (seen.size() < count && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                String value = new String(record.value(), java.nio.charset.StandardCharsets.UTF_8);
                String eventName = value.substring(value.indexOf(":\"") + 2, value.indexOf("\","));
                seen.add(eventName + " " + record.key());
            }
        }
        assertThat(seen).hasSize(count);
    }
}
