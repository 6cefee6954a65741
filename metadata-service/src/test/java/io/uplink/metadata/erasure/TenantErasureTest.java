package io.uplink.metadata.erasure;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.TenantEvent;
import io.uplink.contracts.Topics;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.metadata.Identities;
import io.uplink.metadata.MetadataServiceTest;
import io.uplink.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Erasing a tenant removes its objects from every store (recorded or not, quarantined too), its file rows, its API
 * keys and the tenant, reports what it removed and announces {@code tenant.erased}; another tenant's objects and rows
 * stay; a tenant with a file under legal hold is not erased.
 */
@MetadataServiceTest
class TenantErasureTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private final String tenant = "gone-" + UUID.randomUUID().toString().substring(0, 8);
    private final String neighbour = "stay-" + UUID.randomUUID().toString().substring(0, 8);
    private S3Client defaultStore;
    private S3Client secondStore;

    @BeforeEach
    void tenantsWithFilesInBothStores() {
        defaultStore = SharedInfrastructure.s3().client();
        secondStore = SharedInfrastructure.secondS3().client();
        for (String id : List.of(tenant, neighbour)) {
            jdbc.sql("insert into metadata.tenants (id, name) values (?, ?)").params(id, id).update();
            jdbc.sql("insert into metadata.api_keys (id, tenant_id, key_hash, key_prefix) values (?, ?, ?, 'upk_')")
                    .params("key_" + UUID.randomUUID(), id, sha256Hex(id)).update();
        }
    }

    @AfterEach
    void close() {
        defaultStore.close();
        secondStore.close();
    }

    @Test
    void everythingOfTheTenantGoesAndIsReportedAndAnnouncedAndNothingOfItsNeighbour() throws Exception {
        String first = SharedInfrastructure.BUCKET;
        String second = SharedInfrastructure.SECOND_BUCKET;
        row(tenant, "default", first, "tenants/" + tenant + "/a.txt", "active", null);
        row(tenant, "second", second, "tenants/" + tenant + "/b.txt", "active", null);
        row(tenant, "default", first, "tenants/" + tenant + "/bad.png", "rejected", "quarantine/tenants/" + tenant + "/bad.png");
        put(defaultStore, first, "tenants/" + tenant + "/a.txt");
        put(secondStore, second, "tenants/" + tenant + "/b.txt");
        put(defaultStore, first, "quarantine/tenants/" + tenant + "/bad.png");
        put(defaultStore, first, "tenants/" + tenant + "/abandoned/part-never-completed");
        String inProgress = secondStore.createMultipartUpload(request -> request.bucket(second)
                .key("tenants/" + tenant + "/big.bin")).uploadId();
        row(neighbour, "default", first, "tenants/" + neighbour + "/a.txt", "active", null);
        put(defaultStore, first, "tenants/" + neighbour + "/a.txt");

        mvc.perform(post("/api/v1/tenants/" + tenant + "/erasure").header(IdentityAssertion.HEADER, Identities.admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tenantId").value(tenant))
                .andExpect(jsonPath("$.objectsDeleted.default").value(3))
                .andExpect(jsonPath("$.objectsDeleted.second").value(1))
                .andExpect(jsonPath("$.uploadsAborted.second").value(1))
                .andExpect(jsonPath("$.filesRemoved").value(3))
                .andExpect(jsonPath("$.apiKeysRemoved").value(1))
                .andExpect(jsonPath("$.announced").value(Topics.TENANTS_EVENTS));

        assertThat(exists(defaultStore, first, "tenants/" + tenant + "/a.txt")).isFalse();
        assertThat(exists(secondStore, second, "tenants/" + tenant + "/b.txt")).isFalse();
        assertThat(exists(defaultStore, first, "quarantine/tenants/" + tenant + "/bad.png")).isFalse();
        assertThat(exists(defaultStore, first, "tenants/" + tenant + "/abandoned/part-never-completed")).isFalse();
        assertThat(secondStore.listMultipartUploads(request -> request.bucket(second).prefix("tenants/" + tenant + "/"))
                .uploads()).as("upload " + inProgress + " aborted").isEmpty();
        assertThat(count("files", tenant)).isZero();
        assertThat(count("api_keys", tenant)).isZero();
        assertThat(jdbc.sql("select count(*) from metadata.tenants where id = ?").param(tenant).query(Long.class).single())
                .isZero();
        assertThat(exists(defaultStore, first, "tenants/" + neighbour + "/a.txt")).isTrue();
        assertThat(count("files", neighbour)).isEqualTo(1);
        assertThat(count("api_keys", neighbour)).isEqualTo(1);
        TenantEvent announced = tenantEvent(tenant);
        assertThat(announced.type()).isEqualTo(TenantEvent.TENANT_ERASED);
    }

    @Test
    void aTenantWithAFileUnderLegalHoldIsNotErased() throws Exception {
        row(tenant, "default", SharedInfrastructure.BUCKET, "tenants/" + tenant + "/evidence.txt", "active", null);
        jdbc.sql("update metadata.files set legal_hold = true where tenant_id = ?").param(tenant).update();

        mvc.perform(post("/api/v1/tenants/" + tenant + "/erasure").header(IdentityAssertion.HEADER, Identities.admin()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("legal hold")));

        assertThat(count("files", tenant)).isEqualTo(1);
        assertThat(jdbc.sql("select status from metadata.tenants where id = ?").param(tenant).query(String.class).single())
                .isEqualTo("active");
    }

    @Test
    void onlyAdminsEraseTenants() throws Exception {
        mvc.perform(post("/api/v1/tenants/" + tenant + "/erasure").header(IdentityAssertion.HEADER, Identities.tenant(tenant)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/tenants/nobody-" + UUID.randomUUID().toString().substring(0, 6) + "/erasure")
                        .header(IdentityAssertion.HEADER, Identities.admin()))
                .andExpect(status().isNotFound());
    }

    private void row(String tenantId, String store, String bucket, String key, String status, String quarantineKey) {
        jdbc.sql("insert into metadata.files (id, tenant_id, storage_target, bucket, object_key, size, status,"
                        + " rejection_reason, quarantine_key, quarantined_at, source, created_at)"
                        + " values (?, ?, ?, ?, ?, 5, ?, ?, ?, ?, 'client-complete', now())")
                .params(UUID.randomUUID(), tenantId, store, bucket, key, status,
                        "rejected".equals(status) ? "not a PNG" : null, quarantineKey,
                        quarantineKey == null ? null : java.time.OffsetDateTime.now())
                .update();
    }

    private long count(String table, String tenantId) {
        return jdbc.sql("select count(*) from metadata." + table + " where tenant_id = ?").param(tenantId)
                .query(Long.class).single();
    }

    private TenantEvent tenantEvent(String tenantId) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "tenant-events-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.TENANTS_EVENTS));
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    if (tenantId.equals(record.key())) {
                        return EventJson.read(record.value(), TenantEvent.class);
                    }
                }
            }
        }
        throw new AssertionError("no tenant event of " + tenantId + " on " + Topics.TENANTS_EVENTS);
    }

    private static void put(S3Client store, String bucket, String key) {
        store.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromString("bytes"));
    }

    private static boolean exists(S3Client store, String bucket, String key) {
        try {
            store.headObject(request -> request.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    private static String sha256Hex(String seed) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((seed + UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
