package io.uplink.localstack;

import io.uplink.contracts.Topics;
import io.uplink.localstack.launch.LaunchOptions;
import io.uplink.localstack.launch.ServicePlan;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The real servers under the local stack: what a second start finds of the first one's data. */
class EmbeddedInfrastructureTest {

    @TempDir
    Path dataDirectory;

    private final LaunchOptions options = LaunchOptions.parse(
            new String[]{"--postgres-port=0", "--s3-port=0", "--redis-port=0"}, Map.of());
    private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void aSecondStartFindsTheRowsAndObjectsOfTheFirstAndTheContractTopicsExist() throws Exception {
        try (EmbeddedInfrastructure first = EmbeddedInfrastructure.start(options, dataDirectory, quiet)) {
            ServicePlan.Infrastructure endpoints = first.endpoints();
            try (Connection connection = connect(endpoints);
                 Statement statement = connection.createStatement()) {
                statement.execute("create table kept (value text)");
                statement.execute("insert into kept values ('from the first start')");
                ResultSet walLevel = statement.executeQuery("show wal_level");
                walLevel.next();
                assertThat(walLevel.getString(1)).isEqualTo("logical");
            }
            try (S3Client s3 = s3(endpoints)) {
                s3.putObject(request -> request.bucket(EmbeddedInfrastructure.BUCKET).key("tenants/demo/kept.txt"),
                        RequestBody.fromString("kept object"));
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafka().bootstrapServers()))) {
                Set<String> topics = admin.listTopics().names().get();
                assertThat(topics).contains(Topics.UPLOADS_COMPLETED, Topics.STORAGE_EVENTS, Topics.FILES_EVENTS,
                        Topics.deadLetter(Topics.FILES_EVENTS));
            }
        }

        try (EmbeddedInfrastructure second = EmbeddedInfrastructure.start(options, dataDirectory, quiet)) {
            ServicePlan.Infrastructure endpoints = second.endpoints();
            try (Connection connection = connect(endpoints);
                 Statement statement = connection.createStatement();
                 ResultSet kept = statement.executeQuery("select value from kept")) {
                assertThat(kept.next()).isTrue();
                assertThat(kept.getString(1)).isEqualTo("from the first start");
            }
            try (S3Client s3 = s3(endpoints)) {
                assertThat(s3.getObjectAsBytes(request -> request.bucket(EmbeddedInfrastructure.BUCKET).key("tenants/demo/kept.txt"))
                        .asUtf8String()).isEqualTo("kept object");
            }
        }
    }

    @Test
    void theStoreAnnouncesUploadsAndDeletesOnTheStorageEventsTopic() {
        try (EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(options, dataDirectory, quiet);
             S3Client s3 = s3(infrastructure.endpoints());
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.endpoints().kafka().bootstrapServers(),
                     ConsumerConfig.GROUP_ID_CONFIG, "embedded-infrastructure-test",
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                     ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                     ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(Topics.STORAGE_EVENTS));
            String key = "tenants/demo/2026/12/06/u1/hello.txt";
            s3.putObject(request -> request.bucket(EmbeddedInfrastructure.BUCKET).key(key).contentType("text/plain"),
                    RequestBody.fromString("Hello, Uplink!"));
            s3.deleteObject(request -> request.bucket(EmbeddedInfrastructure.BUCKET).key(key));

            List<ConsumerRecord<String, String>> notifications = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(60);
            while (notifications.size() < 2 && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(notifications::add);
            }

            assertThat(notifications).extracting(ConsumerRecord::key)
                    .containsExactly(EmbeddedInfrastructure.BUCKET + "/" + key, EmbeddedInfrastructure.BUCKET + "/" + key);
            assertThat(notifications.get(0).value()).contains("\"EventName\":\"s3:ObjectCreated:Put\"",
                    "\"key\":\"tenants%2Fdemo%2F2026%2F12%2F06%2Fu1%2Fhello.txt\"", "\"size\":14",
                    "\"contentType\":\"text/plain\"");
            assertThat(notifications.get(1).value()).contains("\"EventName\":\"s3:ObjectRemoved:Delete\"");
        }
    }

    private static Connection connect(ServicePlan.Infrastructure endpoints) throws Exception {
        return DriverManager.getConnection(endpoints.postgres().jdbcUrl(), endpoints.postgres().username(), endpoints.postgres().password());
    }

    private static S3Client s3(ServicePlan.Infrastructure endpoints) {
        return S3Client.builder()
                .endpointOverride(endpoints.s3().endpoint())
                .region(Region.of(endpoints.s3().region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(endpoints.s3().accessKey(), endpoints.s3().secretKey())))
                .forcePathStyle(true)
                .build();
    }
}
