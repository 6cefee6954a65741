package io.uplink.localstack;

import io.uplink.contracts.Topics;
import io.uplink.localstack.launch.LaunchOptions;
import io.uplink.localstack.launch.ServicePlan;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
