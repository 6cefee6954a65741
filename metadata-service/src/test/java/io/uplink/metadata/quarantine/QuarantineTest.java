package io.uplink.metadata.quarantine;

import io.uplink.contracts.FileEvent;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.metadata.Identities;
import io.uplink.metadata.MetadataServiceTest;
import io.uplink.metadata.StoreNotifications;
import io.uplink.metadata.TenantFileEvents;
import io.uplink.testsupport.S3Endpoint;
import io.uplink.testsupport.SharedInfrastructure;
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

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Objects that only the store told us about (an STS upload, a direct write) are held to their tenant's limits like
 * signed uploads: a version that is too large or of a type the tenant does not allow is recorded as rejected,
 * announced as {@code file.rejected} and never as {@code file.created}, and its object is moved to
 * {@code quarantine/<key>}, out of the tenant's reach.
 */
@MetadataServiceTest
class QuarantineTest {

    private static final String LIMITS = "{\"maxObjectSize\":1024,\"allowedContentTypes\":[\"image/*\",\"text/plain\"]}";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private final String tenant = "quar-" + UUID.randomUUID().toString().substring(0, 8);
    private final S3Endpoint s3 = SharedInfrastructure.s3();
    private S3Client store;

    @BeforeEach
    void tenantWithLimits() {
        jdbc.sql("insert into metadata.tenants (id, name, settings) values (?, ?, ?::jsonb)")
                .params(tenant, tenant, LIMITS).update();
        store = s3.client();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void anOversizedObjectIsRejectedAnnouncedAsRejectedAndMovedToQuarantine() throws Exception {
        String key = "tenants/" + tenant + "/sts/huge.png";
        storeObject(key, 2048, "image/png");

        notify(created(key, 2048, "image/png", "100"));

        Map<String, Object> row = awaitQuarantined(key);
        assertThat(row).containsEntry("status", "rejected")
                .containsEntry("rejection_reason", "size 2048 exceeds the tenant's maxObjectSize 1024")
                .containsEntry("quarantine_key", "quarantine/" + key);
        assertThat(eventsOfTenant(1)).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(FileEvent.FILE_REJECTED);
            assertThat(event.data().status()).isEqualTo("rejected");
            assertThat(event.data().rejectionReason()).isEqualTo("size 2048 exceeds the tenant's maxObjectSize 1024");
        });
        assertThat(objectExists(key)).as("still at the tenant's key").isFalse();
        assertThat(objectExists("quarantine/" + key)).isTrue();
    }

    @Test
    void anObjectOfADisallowedContentTypeIsRejectedTheSameWay() throws Exception {
        String key = "tenants/" + tenant + "/sts/page.html";
        storeObject(key, 10, "text/html");

        notify(created(key, 10, "text/html; charset=utf-8", "100"));

        Map<String, Object> row = awaitQuarantined(key);
        assertThat(row).containsEntry("status", "rejected")
                .containsEntry("rejection_reason", "content type 'text/html; charset=utf-8' is not in the tenant's"
                        + " allowedContentTypes [image/*, text/plain]");
        assertThat(eventsOfTenant(1)).extracting(FileEvent::type).containsExactly(FileEvent.FILE_REJECTED);
        assertThat(objectExists(key)).isFalse();
        assertThat(objectExists("quarantine/" + key)).isTrue();
    }

    @Test
    void anObjectWithinTheLimitsIsCreatedAndStaysWhereItIs() throws Exception {
        String key = "tenants/" + tenant + "/sts/note.txt";
        storeObject(key, 10, "text/plain");

        notify(created(key, 10, "Text/Plain; charset=utf-8", "100"));

        assertThat(eventsOfTenant(1)).extracting(FileEvent::type).containsExactly(FileEvent.FILE_CREATED);
        assertThat(jdbc.sql("select status, rejection_reason from metadata.files where object_key = ?").param(key)
                .query().singleRow()).containsEntry("status", "active").containsEntry("rejection_reason", null);
        assertThat(objectExists(key)).isTrue();
    }

    @Test
    void aCreateThatRevivesAVersionWhoseRemovalCameFirstIsHeldToTheLimitsToo() throws Exception {
        String key = "tenants/" + tenant + "/sts/late.png";
        storeObject(key, 2048, "image/png");

        notify(event("s3:ObjectRemoved:Delete", key, 0, null, "200"), created(key, 2048, "image/png", "300"));

        assertThat(awaitQuarantined(key)).containsEntry("status", "rejected")
                .containsEntry("quarantine_key", "quarantine/" + key);
        assertThat(eventsOfTenant(1)).extracting(FileEvent::type).containsExactly(FileEvent.FILE_REJECTED);
        assertThat(objectExists("quarantine/" + key)).isTrue();
    }

    @Test
    void rejectedFilesAreListedOnlyWhenTheTenantAsksForThem() throws Exception {
        String rejected = "tenants/" + tenant + "/sts/huge.png";
        String kept = "tenants/" + tenant + "/sts/small.png";
        notify(created(rejected, 4096, "image/png", "100"), created(kept, 10, "image/png", "101"));
        eventsOfTenant(2);

        mvc.perform(get("/api/v1/files").header(IdentityAssertion.HEADER, Identities.tenant(tenant)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].key").value(kept));
        mvc.perform(get("/api/v1/files").param("status", "rejected")
                        .header(IdentityAssertion.HEADER, Identities.tenant(tenant)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].key").value(rejected))
                .andExpect(jsonPath("$.items[0].status").value("rejected"))
                .andExpect(jsonPath("$.items[0].rejectionReason").value("size 4096 exceeds the tenant's maxObjectSize 1024"));
    }

    @Test
    void theNotificationsOfTheMoveItselfChangeNothing() throws Exception {
        String key = "tenants/" + tenant + "/sts/huge.png";
        String later = "tenants/" + tenant + "/sts/later.png";
        notify(created(key, 2048, "image/png", "100"));
        awaitQuarantined(key);

        // What the store reports about the move: the original removed, a copy created under quarantine/, then a
        // create of the original again (a replay); last, an unrelated object that tells when they were all applied.
        notify(event("s3:ObjectRemoved:Delete", key, 0, null, "200"),
                event("s3:ObjectCreated:Copy", "quarantine/" + key, 2048, "image/png", "201"),
                created(key, 10, "image/png", "300"),
                created(later, 10, "image/png", "301"));

        assertThat(eventsOfTenant(2)).extracting(FileEvent::type)
                .containsExactly(FileEvent.FILE_REJECTED, FileEvent.FILE_CREATED);
        assertThat(jdbc.sql("select status from metadata.files where object_key = ?").param(key)
                .query(String.class).single()).isEqualTo("rejected");
        assertThat(jdbc.sql("select count(*) from metadata.files where object_key like 'quarantine/%'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void movesThatKeepFailingBackOffAndDoNotHoldUpTheOthers() throws Exception {
        // More stuck rows than a sweep takes, older than anything else: their bucket does not exist.
        for (int i = 0; i < 25; i++) {
            jdbc.sql("insert into metadata.files (id, tenant_id, bucket, object_key, size, status, rejection_reason,"
                            + " source, created_at) values (?, ?, 'no-such-bucket', ?, 2048, 'rejected', 'too big',"
                            + " 'storage-event', '2000-01-01T00:00:00Z')")
                    .params(UUID.randomUUID(), tenant, "tenants/" + tenant + "/stuck/" + i).update();
        }
        String key = "tenants/" + tenant + "/sts/huge.png";
        storeObject(key, 2048, "image/png");

        notify(created(key, 2048, "image/png", "100"));

        assertThat(awaitQuarantined(key)).containsEntry("quarantine_key", "quarantine/" + key);
        assertThat(jdbc.sql("select count(*) from metadata.files where bucket = 'no-such-bucket' and tenant_id = ?"
                        + " and quarantined_at is null and quarantine_attempts > 0")
                .param(tenant).query(Long.class).single()).isEqualTo(25);
    }

    private void storeObject(String key, int size, String contentType) {
        store.putObject(request -> request.bucket(s3.bucket()).key(key).contentType(contentType),
                RequestBody.fromBytes(new byte[size]));
    }

    private boolean objectExists(String key) {
        try {
            store.headObject(request -> request.bucket(s3.bucket()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    private Map<String, Object> awaitQuarantined(String key) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            List<Map<String, Object>> rows = jdbc.sql("select status, rejection_reason, quarantine_key from"
                    + " metadata.files where object_key = ? and quarantined_at is not null").param(key).query().listOfRows();
            if (!rows.isEmpty()) {
                return rows.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError(key + " was never quarantined");
    }

    private List<FileEvent> eventsOfTenant(int expected) {
        return TenantFileEvents.await(bootstrapServers, tenant, expected);
    }

    private String created(String key, long size, String contentType, String sequencer) {
        return event("s3:ObjectCreated:Put", key, size, contentType, sequencer);
    }

    private String event(String eventName, String key, long size, String contentType, String sequencer) {
        return StoreNotifications.event(eventName, s3.bucket(), key, size, contentType, sequencer, "{}");
    }

    private void notify(String... notifications) throws Exception {
        new StoreNotifications(bootstrapServers, tenant).send(notifications);
    }
}
