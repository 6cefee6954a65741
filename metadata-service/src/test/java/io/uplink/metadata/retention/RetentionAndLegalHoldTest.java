package io.uplink.metadata.retention;

import io.uplink.contracts.FileEvent;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.metadata.Identities;
import io.uplink.metadata.MetadataServiceTest;
import io.uplink.metadata.TenantFileEvents;
import io.uplink.testsupport.S3Endpoint;
import io.uplink.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A tenant's {@code retentionDays} deletes its older files from the store and announces them as deleted; a file under
 * legal hold is kept, by retention and by the API alike, until it is released.
 */
@MetadataServiceTest
class RetentionAndLegalHoldTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    RetentionSweeper retention;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private final String tenant = "keep-" + UUID.randomUUID().toString().substring(0, 8);
    private final String forever = "ever-" + UUID.randomUUID().toString().substring(0, 8);
    private final S3Endpoint s3 = SharedInfrastructure.s3();
    private S3Client store;

    @BeforeEach
    void tenants() {
        jdbc.sql("insert into metadata.tenants (id, name, settings) values (?, ?, '{\"retentionDays\":30}'::jsonb),"
                + " (?, ?, '{}'::jsonb)").params(tenant, tenant, forever, forever).update();
        store = s3.client();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void filesOlderThanTheirTenantsRetentionAreDeletedFromTheStoreAndAnnouncedUnlessHeld() throws Exception {
        // Held while young, then aged: the service's own scheduled sweep may run at any moment of this test.
        UUID held = file(tenant, "evidence.txt", 1);
        mvc.perform(put("/api/v1/files/" + held + "/legal-hold").header(IdentityAssertion.HEADER, Identities.tenant(tenant))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"hold\":true}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.legalHold").value(true));
        jdbc.sql("update metadata.files set created_at = now() - interval '40 days' where id = ?").param(held).update();
        UUID expired = file(tenant, "old.txt", 40);
        UUID young = file(tenant, "new.txt", 29);
        UUID keptForever = file(forever, "old.txt", 4000);

        retention.sweep();

        assertThat(statusOf(expired)).isEqualTo("deleted");
        assertThat(exists(tenant, "old.txt")).isFalse();
        assertThat(TenantFileEvents.await(bootstrapServers, tenant, 1)).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(FileEvent.FILE_DELETED);
            assertThat(event.data().fileId()).isEqualTo(expired.toString());
        });
        assertThat(statusOf(held)).isEqualTo("active");
        assertThat(exists(tenant, "evidence.txt")).isTrue();
        assertThat(statusOf(young)).isEqualTo("active");
        assertThat(statusOf(keptForever)).isEqualTo("active");
        assertThat(exists(forever, "old.txt")).isTrue();
    }

    @Test
    void aHeldFileCannotBeDeletedUntilItIsReleased() throws Exception {
        UUID file = file(tenant, "contract.pdf", 1);
        String path = "/api/v1/files/" + file;
        mvc.perform(put(path + "/legal-hold").header(IdentityAssertion.HEADER, Identities.tenant(tenant))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"hold\":true}"))
                .andExpect(status().isOk());

        mvc.perform(delete(path).header(IdentityAssertion.HEADER, Identities.tenant(tenant)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("legal hold")));
        assertThat(exists(tenant, "contract.pdf")).isTrue();

        mvc.perform(put(path + "/legal-hold").header(IdentityAssertion.HEADER, Identities.tenant(tenant))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"hold\":false}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.legalHold").value(false));
        mvc.perform(delete(path).header(IdentityAssertion.HEADER, Identities.tenant(tenant)))
                .andExpect(status().isNoContent());
        assertThat(exists(tenant, "contract.pdf")).isFalse();
    }

    @Test
    void onlyTheFilesOwnerOrAnAdminHoldsItAndTheBodyMustSayWhich() throws Exception {
        UUID file = file(tenant, "mine.txt", 1);
        mvc.perform(put("/api/v1/files/" + file + "/legal-hold").header(IdentityAssertion.HEADER, Identities.tenant(forever))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"hold\":true}"))
                .andExpect(status().isNotFound());
        mvc.perform(put("/api/v1/files/" + file + "/legal-hold").header(IdentityAssertion.HEADER, Identities.tenant(tenant))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest());
        mvc.perform(put("/api/v1/files/" + file + "/legal-hold").header(IdentityAssertion.HEADER, Identities.admin())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"hold\":true}"))
                .andExpect(status().isOk());
    }

    /** An active file of {@code ageDays} days, its object in the store. */
    private UUID file(String tenantId, String name, int ageDays) {
        UUID id = UUID.randomUUID();
        String key = "tenants/" + tenantId + "/" + name;
        store.putObject(request -> request.bucket(s3.bucket()).key(key), RequestBody.fromString("content"));
        jdbc.sql("insert into metadata.files (id, tenant_id, bucket, object_key, size, status, source, created_at)"
                        + " values (?, ?, ?, ?, 7, 'active', 'client-complete', ?)")
                .params(id, tenantId, s3.bucket(), key,
                        OffsetDateTime.ofInstant(Instant.now().minus(ageDays, ChronoUnit.DAYS), ZoneOffset.UTC))
                .update();
        return id;
    }

    private String statusOf(UUID file) {
        return jdbc.sql("select status from metadata.files where id = ?").param(file).query(String.class).single();
    }

    private boolean exists(String tenantId, String name) {
        try {
            store.headObject(request -> request.bucket(s3.bucket()).key("tenants/" + tenantId + "/" + name));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }
}
