package io.uplink.metadata.scan;

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
import io.uplink.metadata.scanner.FakeClamd;
import io.uplink.metadata.scanner.SharedClamd;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A tenant with {@code scanUploads} hears of an upload only once clamd (here a server speaking its INSTREAM
 * protocol) has answered: clean files become active with {@code file.created}, infected ones rejected with
 * {@code file.rejected} and quarantined; while clamd gives no verdict the file waits as {@code pending}.
 */
@MetadataServiceTest
class ScannedUploadsTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private final String tenant = "scan-" + UUID.randomUUID().toString().substring(0, 8);
    private final S3Endpoint s3 = SharedInfrastructure.s3();
    private S3Client store;

    @BeforeEach
    void scannedTenant() {
        jdbc.sql("insert into metadata.tenants (id, name, settings) values (?, ?, '{\"scanUploads\":true}'::jsonb)")
                .params(tenant, tenant).update();
        store = s3.client();
    }

    @AfterEach
    void closeStore() {
        SharedClamd.CLAMD.hangUp(false);
        store.close();
    }

    @Test
    void aCleanUploadIsAnnouncedOnlyAfterClamdFoundNothing() throws Exception {
        String key = "tenants/" + tenant + "/clean.txt";
        byte[] content = "nothing to see here".getBytes(StandardCharsets.UTF_8);
        put(key, content);

        upload(key, content.length);

        FileEvent created = TenantFileEvents.await(bootstrapServers, tenant, 1).get(0);
        assertThat(created.type()).isEqualTo(FileEvent.FILE_CREATED);
        assertThat(created.data().status()).isEqualTo("active");
        assertThat(created.data().scanResult()).isEqualTo("clean");
        assertThat(SharedClamd.CLAMD.streams()).anySatisfy(stream -> assertThat(stream).isEqualTo(content));
        assertThat(row(key)).containsEntry("status", "active").containsEntry("scan_result", "clean");
    }

    @Test
    void anInfectedUploadIsRejectedAnnouncedAsRejectedAndQuarantined() throws Exception {
        String key = "tenants/" + tenant + "/invoice.pdf";
        byte[] content = FakeClamd.EICAR.getBytes(StandardCharsets.ISO_8859_1);
        put(key, content);

        upload(key, content.length);

        assertThat(TenantFileEvents.await(bootstrapServers, tenant, 1)).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(FileEvent.FILE_REJECTED);
            assertThat(event.data().scanResult()).isEqualTo("infected: Eicar-Test-Signature");
            assertThat(event.data().rejectionReason())
                    .isEqualTo("malware found by clamd 127.0.0.1:" + SharedClamd.CLAMD.port() + ": Eicar-Test-Signature");
        });
        awaitRow(key, "quarantined_at is not null");
        assertThat(exists(key)).isFalse();
        assertThat(exists("quarantine/" + key)).isTrue();
    }

    @Test
    void whileClamdGivesNoVerdictTheFileWaitsAsPendingAndNobodyHearsOfIt() throws Exception {
        SharedClamd.CLAMD.hangUp(true);
        String key = "tenants/" + tenant + "/waiting.txt";
        byte[] content = "scan me when you can".getBytes(StandardCharsets.UTF_8);
        put(key, content);

        upload(key, content.length);

        awaitRow(key, "scan_attempts >= 2");
        assertThat(row(key)).containsEntry("status", "pending");
        mvc.perform(get("/api/v1/files").header(IdentityAssertion.HEADER, Identities.tenant(tenant)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].key").value(key))
                .andExpect(jsonPath("$.items[0].status").value("pending"));
        assertThat(TenantFileEvents.await(bootstrapServers, tenant, 0)).isEmpty();

        SharedClamd.CLAMD.hangUp(false);

        assertThat(TenantFileEvents.await(bootstrapServers, tenant, 1)).extracting(FileEvent::type)
                .containsExactly(FileEvent.FILE_CREATED);
    }

    @Test
    void newBytesWrittenOverAScannedFileAreScannedAgainBeforeTheyAreAnnounced() throws Exception {
        String key = "tenants/" + tenant + "/overwritten.txt";
        byte[] first = "first, harmless".getBytes(StandardCharsets.UTF_8);
        put(key, first);
        upload(key, first.length);
        assertThat(TenantFileEvents.await(bootstrapServers, tenant, 1)).extracting(FileEvent::type)
                .containsExactly(FileEvent.FILE_CREATED);
        notifications().send(StoreNotifications.created(s3.bucket(), key, first.length, null, "0000000000000100")); // the store's word on the first bytes

        byte[] second = ("now " + FakeClamd.EICAR).getBytes(StandardCharsets.ISO_8859_1);
        put(key, second); // the same key written again, e.g. with STS credentials
        notifications().send(StoreNotifications.created(s3.bucket(), key, second.length, null, "0000000000000200"));

        List<FileEvent> events = TenantFileEvents.await(bootstrapServers, tenant, 2);
        assertThat(events).extracting(FileEvent::type).containsExactly(FileEvent.FILE_CREATED, FileEvent.FILE_REJECTED);
        assertThat(events.get(1).data().scanResult()).isEqualTo("infected: Eicar-Test-Signature");
        assertThat(SharedClamd.CLAMD.streams()).anySatisfy(stream -> assertThat(stream).isEqualTo(second));
    }

    @Test
    void anObjectLargerThanTheScannerTakesIsRejectedUnscanned() throws Exception {
        String key = "tenants/" + tenant + "/huge.bin";
        int size = (int) SharedClamd.MAX_OBJECT_BYTES + 1;
        put(key, new byte[size]);

        upload(key, size);

        assertThat(TenantFileEvents.await(bootstrapServers, tenant, 1)).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(FileEvent.FILE_REJECTED);
            assertThat(event.data().scanResult()).startsWith("not scanned: larger than clamd");
        });
    }

    @Test
    void aPendingFileCanBeDeletedAndItsDeletionIsAnnouncedToNobody() throws Exception {
        SharedClamd.CLAMD.hangUp(true);
        String key = "tenants/" + tenant + "/regret.txt";
        put(key, "changed my mind".getBytes(StandardCharsets.UTF_8));
        upload(key, 15);
        awaitRow(key, "status = 'pending'");
        String fileId = jdbc.sql("select id::text from metadata.files where object_key = ?").param(key)
                .query(String.class).single();

        mvc.perform(delete("/api/v1/files/" + fileId).header(IdentityAssertion.HEADER, Identities.tenant(tenant)))
                .andExpect(status().isNoContent());
        SharedClamd.CLAMD.hangUp(false);

        assertThat(exists(key)).isFalse();
        assertThat(row(key)).containsEntry("status", "deleted");
        assertThat(TenantFileEvents.await(bootstrapServers, tenant, 0)).isEmpty();
    }

    private StoreNotifications notifications() {
        return new StoreNotifications(bootstrapServers, tenant);
    }

    private void put(String key, byte[] content) {
        store.putObject(request -> request.bucket(s3.bucket()).key(key), RequestBody.fromBytes(content));
    }

    private void upload(String key, long size) throws Exception {
        UploadCompleted event = new UploadCompleted(UUID.randomUUID(), tenant, "up-" + UUID.randomUUID(), s3.bucket(),
                key, size, "application/octet-stream", "\"etag\"", null, null, key.substring(key.lastIndexOf('/') + 1),
                Map.of(), Instant.now().truncatedTo(ChronoUnit.MILLIS), UploadSource.CLIENT_COMPLETE);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.UPLOADS_COMPLETED, event.partitionKey(), EventJson.write(event)))
                    .get();
        }
    }

    private boolean exists(String key) {
        try {
            store.headObject(request -> request.bucket(s3.bucket()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    private Map<String, Object> row(String key) {
        return jdbc.sql("select status, scan_result from metadata.files where object_key = ?").param(key).query()
                .singleRow();
    }

    private void awaitRow(String key, String condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (jdbc.sql("select count(*) from metadata.files where object_key = ? and " + condition).param(key)
                    .query(Long.class).single() == 1) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(key + " never came to " + condition);
    }
}
