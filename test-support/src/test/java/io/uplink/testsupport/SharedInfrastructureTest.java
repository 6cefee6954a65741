package io.uplink.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@UplinkInfrastructure({Infra.POSTGRES, Infra.KAFKA, Infra.S3, Infra.REDIS})
class SharedInfrastructureTest {

    @Test
    void postgresIsRealAndReadyForLogicalDecoding(PostgresEndpoint postgres) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
             ResultSet result = connection.createStatement().executeQuery("show wal_level")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo("logical");
            assertThat(connection.getMetaData().getDatabaseMajorVersion()).isEqualTo(17);
        }
    }

    @Test
    void kafkaBrokerDeliversWhatWasProduced(KafkaEndpoint kafka) {
        String topic = "uplink.test." + UUID.randomUUID();
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, "acme/key", "hello"));
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (received.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            assertThat(received).extracting(ConsumerRecord::value).containsExactly("hello");
        }
    }

    @Test
    void uplinkTopicsExistUpFront(KafkaEndpoint kafka) throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).containsAll(EmbeddedKafkaServer.UPLINK_TOPICS);
        }
    }

    @Test
    void s3ServerStoresObjectsAndChecksPresignedSignatures(S3Endpoint s3) throws Exception {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()));
        try (S3Client client = S3Client.builder().endpointOverride(s3.endpoint()).region(Region.of(s3.region()))
                .forcePathStyle(true).credentialsProvider(credentials).build();
             S3Presigner presigner = S3Presigner.builder().endpointOverride(s3.endpoint()).region(Region.of(s3.region()))
                     .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                             .pathStyleAccessEnabled(true).build())
                     .credentialsProvider(credentials).build()) {
            client.putObject(r -> r.bucket(s3.bucket()).key("probe/hello.txt"), RequestBody.fromString("hi"));
            assertThat(client.headObject(r -> r.bucket(s3.bucket()).key("probe/hello.txt")).contentLength()).isEqualTo(2);

            URI presigned = presigner.presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(1))
                    .getObjectRequest(g -> g.bucket(s3.bucket()).key("probe/hello.txt"))).url().toURI();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(presigned).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("hi");

            URI tampered = URI.create(presigned.toString().replace("X-Amz-Signature=", "X-Amz-Signature=0"));
            HttpResponse<String> rejected = http.send(HttpRequest.newBuilder(tampered).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(rejected.statusCode()).isEqualTo(403);
        }
    }

    @Test
    void redisAnswersPing(RedisEndpoint redis) throws Exception {
        try (Socket socket = new Socket(redis.host(), redis.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(reader.readLine()).isEqualTo("+PONG");
        }
    }

    @Test
    void theSameServersAreSharedAcrossCalls() {
        assertThat(SharedInfrastructure.postgres()).isSameAs(SharedInfrastructure.postgres());
        assertThat(SharedInfrastructure.kafka()).isSameAs(SharedInfrastructure.kafka());
    }
}
