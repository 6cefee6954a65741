package io.uplink.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A broker of its own (not the shared one), stopped and started again the way a broker restart happens. */
class EmbeddedKafkaServerRestartTest {

    private static EmbeddedKafkaServer kafka;

    @BeforeAll
    static void startABrokerOfItsOwn() {
        kafka = EmbeddedKafkaServer.start(0, 1);
    }

    @AfterAll
    static void stopIt() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aRestartedBrokerKeepsItsAddressItsRecordsAndItsClients() throws Exception {
        String address = kafka.endpoint().bootstrapServers();
        String topic = "uplink.restart." + UUID.randomUUID();
        kafka.createTopics(topic);
        try (KafkaProducer<String, String> producer = producer(address);
             KafkaConsumer<String, String> consumer = consumer(address, "restart-" + UUID.randomUUID())) {
            producer.send(new ProducerRecord<>(topic, "acme/a", "before the restart")).get(10, TimeUnit.SECONDS);
            consumer.subscribe(List.of(topic));
            assertThat(poll(consumer, 1)).containsExactly("before the restart");
            consumer.commitSync();

            kafka.stop();
            assertThat(kafka.isActive()).isFalse();
            assertThatThrownBy(() -> connect(address)).isInstanceOf(ConnectException.class);
            // Sent while the broker is down: send() may block (max.block.ms) until the broker is back, then delivers.
            CompletableFuture<RecordMetadata> sentDuringOutage = CompletableFuture.supplyAsync(() -> {
                try {
                    return producer.send(new ProducerRecord<>(topic, "acme/b", "during the outage")).get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1000);
            kafka.restart();

            assertThat(kafka.isActive()).isTrue();
            assertThat(kafka.endpoint().bootstrapServers()).isEqualTo(address);
            sentDuringOutage.get(60, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(topic, "acme/c", "after the restart")).get(60, TimeUnit.SECONDS);
            assertThat(poll(consumer, 2)).containsExactly("during the outage", "after the restart");
        }

        try (KafkaConsumer<String, String> fresh = consumer(address, "fresh-" + UUID.randomUUID())) {
            fresh.subscribe(List.of(topic));
            assertThat(poll(fresh, 3)).containsExactly("before the restart", "during the outage", "after the restart");
        }
    }

    private static List<String> poll(KafkaConsumer<String, String> consumer, int count) {
        List<String> values = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (values.size() < count && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                values.add(record.value());
            }
        }
        return values;
    }

    private static void connect(String address) throws Exception {
        String[] hostAndPort = address.split(",")[0].split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1])), 2000);
        }
    }

    private static KafkaProducer<String, String> producer(String address) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, address,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    private static KafkaConsumer<String, String> consumer(String address, String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, address,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }
}
