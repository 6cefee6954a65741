package io.uplink.callback.fanout;

import io.uplink.callback.CallbackServiceApplication;
import io.uplink.callback.CallbackServiceTest;
import io.uplink.contracts.EventJson;
import io.uplink.contracts.FileEvent;
import io.uplink.contracts.Topics;
import io.uplink.testsupport.EmbeddedPostgresServer;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.KafkaEndpoint;
import io.uplink.testsupport.UplinkInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.uplink.callback.TestEvents.fileCreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The service owns its database here, so the test can take it away while events arrive. */
@UplinkInfrastructure(Infra.KAFKA)
class DatabaseOutageTest {

    @Test
    void waitsOutADatabaseOutageAndThenStoresEveryEventThatArrivedMeanwhile(KafkaEndpoint kafka, @TempDir Path data)
            throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(port, data);
        String tenant = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        FileEvent first = fileCreated(tenant);
        FileEvent second = fileCreated(tenant);
        // arguments, not default properties: they must beat application.yml's environment placeholders
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CallbackServiceApplication.class)
                .run(arguments(Map.of(
                        "spring.datasource.url", postgres.endpoint().jdbcUrl(),
                        "spring.datasource.username", postgres.endpoint().username(),
                        "spring.datasource.password", postgres.endpoint().password(),
                        "spring.datasource.hikari.connection-timeout", "1000",
                        "spring.kafka.bootstrap-servers", kafka.bootstrapServers(),
                        "spring.kafka.consumer.group-id", "callback-outage-" + UUID.randomUUID(),
                        "uplink.callback.delivery.enabled", "false",
                        "uplink.callback.secret-encryption.keys", CallbackServiceTest.SECRET_ENCRYPTION_KEYS,
                        "uplink.callback.fan-out.database-retry-max-interval", "1s",
                        "server.port", "0")));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            UUID endpoint = UUID.randomUUID();
            jdbc.sql("insert into endpoints (id, tenant_id, url, secret) values (?, ?, 'https://8.8.8.8/h', ?)")
                    .params(endpoint, tenant, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").update();

            postgres.close();
            send(producer, first);
            send(producer, second);
            Thread.sleep(4_000);
            postgres = EmbeddedPostgresServer.start(port, data);

            await().atMost(Duration.ofSeconds(60)).until(() -> count(jdbc, first) == 1 && count(jdbc, second) == 1);
            assertThat(jdbc.sql("""
                            select count(*) from deliveries d join messages m on m.id = d.message_id
                            where m.tenant_id = ? and d.endpoint_id = ?""")
                    .params(tenant, endpoint).query(Integer.class).single()).isEqualTo(2);
        } finally {
            postgres.close();
        }
    }

    private static String[] arguments(Map<String, String> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    private static int count(JdbcClient jdbc, FileEvent event) {
        try {
            return jdbc.sql("select count(*) from messages where event_id = ?").param(event.eventId())
                    .query(Integer.class).single();
        } catch (RuntimeException stillStarting) {
            return 0;
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, FileEvent event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.FILES_EVENTS, event.partitionKey().getBytes(StandardCharsets.UTF_8),
                EventJson.write(event))).get();
    }
}
