package io.uplink.metadata.storage;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.FileEvent;
import io.uplink.contracts.Topics;
import io.uplink.contracts.UploadCompleted;
import io.uplink.contracts.UploadSource;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.metadata.Identities;
import io.uplink.metadata.MetadataServiceTest;
import io.uplink.metadata.StoreNotifications;
import io.uplink.metadata.TenantFileEvents;
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
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Two real stores, {@code default} and {@code second} (each an S3Proxy with its own keys), both holding a bucket
 * named {@code uplink-second} with the same key in it: a file recorded in one store is deleted and quarantined there,
 * and the same key in the other store is never touched.
 */
@MetadataServiceTest
class FilesInTheirStoresTest {

    private static final String BUCKET = SharedInfrastructure.SECOND_BUCKET;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private final String tenant = "stores-" + UUID.randomUUID().toString().substring(0, 8);
    private S3Client defaultStore;
    private S3Client secondStore;

    @BeforeEach
    void tenantAndStores() {
        jdbc.sql("insert into metadata.tenants (id, name, settings) values (?, ?, ?::jsonb)")
                .params(tenant, tenant, "{\"storageTarget\":\"second\"}").update();
        defaultStore = SharedInfrastructure.s3().client();
        secondStore = SharedInfrastructure.secondS3().client();
        try {
            defaultStore.createBucket(request -> request.bucket(BUCKET));
        } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException e) {
            // made by an earlier test
        }
    }

    @AfterEach
    void close() {
        defaultStore.close();
        secondStore.close();
    }

    @Test
    void anUploadToTheSecondStoreIsRecordedAnnouncedAndDeletedThere() throws Exception {
        String key = "tenants/" + tenant + "/report.txt";
        putInBothStores(key);

        publish(completion(key, "second", null));

        FileEvent created = TenantFileEvents.await(bootstrapServers, tenant, 1).get(0);
        assertThat(created.type()).isEqualTo(FileEvent.FILE_CREATED);
        assertThat(created.data().storageTarget()).isEqualTo("second");
        assertThat(created.data().bucket()).isEqualTo(BUCKET);
        String fileId = created.data().fileId();
        mvc.perform(get("/api/v1/files/" + fileId).header(IdentityAssertion.HEADER, Identities.tenant(tenant)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.storageTarget").value("second"));
        // what credential-service asks before signing a download of a file it has no upload session for
        String reader = Identities.credentialServiceAs(IdentityAssertion.ROLE_TENANT_READER);
        mvc.perform(get("/api/v1/tenants/" + tenant + "/file-locations").param("key", key)
                        .header(IdentityAssertion.HEADER, reader))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.storageTarget").value("second"))
                .andExpect(jsonPath("$.bucket").value(BUCKET));
        mvc.perform(get("/api/v1/tenants/" + tenant + "/file-locations").param("key", key + ".missing")
                        .header(IdentityAssertion.HEADER, reader))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/tenants/" + tenant + "/file-locations").param("key", key)
                        .header(IdentityAssertion.HEADER, Identities.tenant(tenant)))
                .andExpect(status().isForbidden());

        mvc.perform(delete("/api/v1/files/" + fileId).header(IdentityAssertion.HEADER, Identities.tenant(tenant)))
                .andExpect(status().isNoContent());

        assertThat(exists(secondStore, key)).as("deleted in the file's store").isFalse();
        assertThat(exists(defaultStore, key)).as("the same key in the default store").isTrue();
        assertThat(column(key, "status")).isEqualTo("deleted");
    }

    @Test
    void aRejectedUploadInTheSecondStoreIsQuarantinedThere() throws Exception {
        String key = "tenants/" + tenant + "/cat.png";
        putInBothStores(key);

        publish(completion(key, "second", "declared image/png, but the bytes are text/plain"));

        assertThat(TenantFileEvents.await(bootstrapServers, tenant, 1)).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(FileEvent.FILE_REJECTED);
            assertThat(event.data().storageTarget()).isEqualTo("second");
        });
        awaitQuarantined(key);
        assertThat(exists(secondStore, key)).isFalse();
        assertThat(exists(secondStore, "quarantine/" + key)).as("moved within the file's store").isTrue();
        assertThat(exists(defaultStore, key)).as("the same key in the default store").isTrue();
        assertThat(exists(defaultStore, "quarantine/" + key)).isFalse();
    }

    @Test
    void aStoreNotificationIsRecordedInTheStoreThatHoldsItsBucket() throws Exception {
        String inSecond = "tenants/" + tenant + "/from-second.txt";
        String inDefault = "tenants/" + tenant + "/from-default.txt";

        new StoreNotifications(bootstrapServers, tenant).send(
                StoreNotifications.created(BUCKET, inSecond, 5, "text/plain", "100"),
                StoreNotifications.created(SharedInfrastructure.BUCKET, inDefault, 5, "text/plain", "100"));

        TenantFileEvents.await(bootstrapServers, tenant, 2);
        assertThat(column(inSecond, "storage_target")).isEqualTo("second");
        assertThat(column(inDefault, "storage_target")).isEqualTo("default");
    }

    @Test
    void aFileInAStoreThisServiceHasNoConfigurationForIsNotDeletedAndTheProblemNamesTheStore() throws Exception {
        String key = "tenants/" + tenant + "/far-away.txt";
        publish(completion(key, "elsewhere", null));
        String fileId = TenantFileEvents.await(bootstrapServers, tenant, 1).get(0).data().fileId();

        mvc.perform(delete("/api/v1/files/" + fileId).header(IdentityAssertion.HEADER, Identities.tenant(tenant)))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.storageTarget").value("elsewhere"))
                .andExpect(jsonPath("$.rule").value("storage-target-configured"));

        assertThat(column(key, "status")).isEqualTo("active");
    }

    private UploadCompleted completion(String key, String storageTarget, String contentRejection) {
        return new UploadCompleted(UUID.randomUUID(), tenant, "up-" + UUID.randomUUID(), BUCKET, key, 5,
                key.endsWith(".png") ? "image/png" : "text/plain", "\"etag\"", null, null,
                key.substring(key.lastIndexOf('/') + 1), Map.of(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                UploadSource.CLIENT_COMPLETE, contentRejection, storageTarget);
    }

    private void publish(UploadCompleted event) throws Exception {
        send(Topics.UPLOADS_COMPLETED, event.partitionKey(), EventJson.write(event));
    }

    private void send(String topic, String recordKey, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, recordKey, value)).get();
        }
    }

    private void putInBothStores(String key) {
        for (S3Client store : List.of(defaultStore, secondStore)) {
            store.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromString("hello"));
        }
    }

    private static boolean exists(S3Client store, String key) {
        try {
            store.headObject(request -> request.bucket(BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    private String column(String key, String column) {
        return jdbc.sql("select " + column + " from metadata.files where object_key = ?").param(key)
                .query(String.class).single();
    }

    private void awaitQuarantined(String key) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (jdbc.sql("select count(*) from metadata.files where object_key = ? and quarantined_at is not null")
                    .param(key).query(Long.class).single() == 1) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(key + " was never quarantined");
    }
}
