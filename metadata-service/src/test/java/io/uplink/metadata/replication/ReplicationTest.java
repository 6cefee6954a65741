package io.uplink.metadata.replication;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.Topics;
import io.uplink.contracts.UploadCompleted;
import io.uplink.contracts.UploadSource;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.metadata.Identities;
import io.uplink.metadata.MetadataServiceTest;
import io.uplink.metadata.StoreNotifications;
import io.uplink.metadata.TenantFileEvents;
import io.uplink.testsupport.S3Endpoint;
import io.uplink.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A tenant with {@code replicateTo} gets each active file copied to that second store (a real S3Proxy of its own):
 * the copy is recorded and shown with the file, retried until it is done, and deleted with the file.
 */
@MetadataServiceTest
class ReplicationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private final String tenant = "copy-" + UUID.randomUUID().toString().substring(0, 8);
    private final S3Endpoint first = SharedInfrastructure.s3();
    private final S3Endpoint second = SharedInfrastructure.secondS3();
    private S3Client firstStore;
    private S3Client secondStore;

    @BeforeEach
    void replicatingTenant() {
        jdbc.sql("insert into metadata.tenants (id, name, settings) values (?, ?, '{\"replicateTo\":\"second\"}'::jsonb)")
                .params(tenant, tenant).update();
        firstStore = first.client();
        secondStore = second.client();
    }

    @AfterEach
    void close() {
        firstStore.close();
        secondStore.close();
    }

    @Test
    void anActiveFileIsCopiedToTheSecondStoreShownWithTheFileAndDeletedWithIt() throws Exception {
        String key = "tenants/" + tenant + "/report.pdf";
        byte[] content = "the quarterly report".getBytes(StandardCharsets.UTF_8);
        firstStore.putObject(request -> request.bucket(first.bucket()).key(key), RequestBody.fromBytes(content));

        upload(key, content.length);

        String fileId = TenantFileEvents.await(bootstrapServers, tenant, 1).get(0).data().fileId();
        awaitReplica(fileId, "status = 'done'");
        assertThat(secondStore.getObjectAsBytes(request -> request.bucket(second.bucket()).key(key)).asByteArray())
                .isEqualTo(content);
        mvc.perform(get("/api/v1/files/" + fileId).header(IdentityAssertion.HEADER, Identities.tenant(tenant)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.storageTarget").value("default"))
                .andExpect(jsonPath("$.replicas[0].storageTarget").value("second"))
                .andExpect(jsonPath("$.replicas[0].bucket").value(second.bucket()))
                .andExpect(jsonPath("$.replicas[0].status").value("done"))
                .andExpect(jsonPath("$.replicas[0].replicatedAt").exists());

        // the replica store announcing the copy (it is tagged as one) is no new file; a later notification is the barrier
        String later = "tenants/" + tenant + "/later.txt";
        new StoreNotifications(bootstrapServers, tenant).send(
                StoreNotifications.event("s3:ObjectCreated:Put", second.bucket(), key, content.length, null,
                        "0000000000000100", "{\"X-Amz-Meta-Uplink-Replica-Of\":\"" + fileId + "\"}"),
                StoreNotifications.created(first.bucket(), later, 5, "text/plain", "0000000000000100"));
        awaitRow(later);
        assertThat(jdbc.sql("select count(*) from metadata.files where object_key = ?").param(key)
                .query(Long.class).single()).isEqualTo(1);

        mvc.perform(delete("/api/v1/files/" + fileId).header(IdentityAssertion.HEADER, Identities.tenant(tenant)))
                .andExpect(status().isNoContent());

        assertThat(exists(firstStore, first.bucket(), key)).isFalse();
        assertThat(exists(secondStore, second.bucket(), key)).as("the copy goes with the file").isFalse();
    }

    @Test
    void aCopyThatFailsIsRetriedUntilItIsDone() throws Exception {
        String key = "tenants/" + tenant + "/late.bin";
        byte[] content = "arrives after its completion".getBytes(StandardCharsets.UTF_8);

        upload(key, content.length); // the object is not in the first store yet: the copy cannot be made
        String fileId = TenantFileEvents.await(bootstrapServers, tenant, 1).get(0).data().fileId();
        awaitReplica(fileId, "attempts >= 1 and last_error is not null");
        assertThat(jdbc.sql("select status from metadata.file_replicas where file_id = ?::uuid").param(fileId)
                .query(String.class).single()).isEqualTo("pending");

        firstStore.putObject(request -> request.bucket(first.bucket()).key(key), RequestBody.fromBytes(content));

        awaitReplica(fileId, "status = 'done'");
        assertThat(secondStore.getObjectAsBytes(request -> request.bucket(second.bucket()).key(key)).asByteArray())
                .isEqualTo(content);
    }

    private void upload(String key, long size) throws Exception {
        UploadCompleted event = new UploadCompleted(UUID.randomUUID(), tenant, "up-" + UUID.randomUUID(), first.bucket(),
                key, size, "application/pdf", "\"etag\"", null, null, key.substring(key.lastIndexOf('/') + 1), Map.of(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), UploadSource.CLIENT_COMPLETE);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.UPLOADS_COMPLETED, event.partitionKey(), EventJson.write(event)))
                    .get();
        }
    }

    private void awaitRow(String key) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (jdbc.sql("select count(*) from metadata.files where object_key = ?").param(key)
                    .query(Long.class).single() == 1) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no row for " + key);
    }

    private void awaitReplica(String fileId, String condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (jdbc.sql("select count(*) from metadata.file_replicas where file_id = ?::uuid and " + condition)
                    .param(fileId).query(Long.class).single() == 1) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the replica of " + fileId + " never came to " + condition);
    }

    private static boolean exists(S3Client store, String bucket, String key) {
        try {
            store.headObject(request -> request.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }
}
