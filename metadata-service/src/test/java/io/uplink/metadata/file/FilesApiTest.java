package io.uplink.metadata.file;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.FileEvent;
import io.uplink.contracts.Topics;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.metadata.Identities;
import io.uplink.metadata.MetadataServiceTest;
import io.uplink.testsupport.S3Endpoint;
import io.uplink.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@MetadataServiceTest
class FilesApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    NewFileVersions newVersions;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private final String tenant = "files-" + UUID.randomUUID().toString().substring(0, 8);
    private final String otherTenant = "other-" + UUID.randomUUID().toString().substring(0, 8);
    private final Instant day = Instant.parse("2026-11-20T10:00:00Z");

    @BeforeEach
    void storeFiles() {
        for (String id : List.of(tenant, otherTenant)) {
            jdbc.sql("insert into metadata.tenants (id, name) values (?, ?)").params(id, id).update();
        }
        List<NewVersion> versions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            versions.add(version(tenant, "2026/11/20/u" + i + "/photo-" + i + ".png", 100L * (i + 1), "image/png",
                    day.plus(i, ChronoUnit.HOURS)));
        }
        versions.add(version(tenant, "2026/11/21/u5/Annual Report.pdf", 5000, "application/pdf",
                day.plus(1, ChronoUnit.DAYS)));
        versions.add(version(otherTenant, "2026/11/20/x/secret.pdf", 42, "application/pdf", day));
        newVersions.record(versions);
    }

    @Test
    void tenantsSeeOnlyTheirOwnFiles() throws Exception {
        mvc.perform(asTenant(get("/api/v1/files")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(6))
                .andExpect(jsonPath("$.items[*].tenantId").value(org.hamcrest.Matchers.everyItem(
                        org.hamcrest.Matchers.equalTo(tenant))));

        String foreignId = fileIdOf(otherTenant, "secret.pdf");
        mvc.perform(asTenant(get("/api/v1/files/" + foreignId)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(asTenant(get("/api/v1/files").param("tenantId", otherTenant)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/files/" + foreignId).header(IdentityAssertion.HEADER, Identities.admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tenantId").value(otherTenant));
    }

    @Test
    void pagesThroughFilesWithAStableKeysetCursor() throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            MockHttpServletRequestBuilder request = asTenant(get("/api/v1/files").param("limit", "4"));
            if (cursor != null) {
                request.param("cursor", cursor);
            }
            Map<?, ?> page = EventJson.read(mvc.perform(request).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString(), Map.class);
            for (Object item : (List<?>) page.get("items")) {
                seen.add((String) ((Map<?, ?>) item).get("originalFilename"));
            }
            cursor = (String) page.get("nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(2);
        assertThat(seen).containsExactly("Annual Report.pdf", "photo-4.png", "photo-3.png", "photo-2.png",
                "photo-1.png", "photo-0.png");
    }

    @Test
    void filtersByTypeSizePrefixFilenameAndCreationRange() throws Exception {
        mvc.perform(asTenant(get("/api/v1/files").param("contentType", "image/png").param("minSize", "200")
                        .param("maxSize", "400")))
                .andExpect(jsonPath("$.items.length()").value(3));
        mvc.perform(asTenant(get("/api/v1/files").param("keyPrefix", "tenants/" + tenant + "/2026/11/21/")))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].originalFilename").value("Annual Report.pdf"));
        mvc.perform(asTenant(get("/api/v1/files").param("filename", "report")))
                .andExpect(jsonPath("$.items.length()").value(1));
        mvc.perform(asTenant(get("/api/v1/files").param("filename", "%")))
                .andExpect(jsonPath("$.items.length()").value(0));
        mvc.perform(asTenant(get("/api/v1/files").param("createdFrom", "2026-11-20T11:00:00Z")
                        .param("createdTo", "2026-11-20T13:00:00Z")))
                .andExpect(jsonPath("$.items.length()").value(2));
    }

    @Test
    void rejectsMalformedQueriesWithProblems() throws Exception {
        for (Map<String, String> bad : List.of(Map.of("minSize", "10", "maxSize", "5"),
                Map.of("createdFrom", "2026-11-21T00:00:00Z", "createdTo", "2026-11-20T00:00:00Z"),
                Map.of("cursor", "not-a-cursor"), Map.of("colour", "red"), Map.of("limit", "0"),
                Map.of("status", "gone"), Map.of("createdFrom", "yesterday"))) {
            MockHttpServletRequestBuilder request = asTenant(get("/api/v1/files"));
            bad.forEach(request::param);
            mvc.perform(request)
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        mvc.perform(asTenant(get("/api/v1/files/not-a-uuid"))).andExpect(status().isBadRequest());
    }

    @Test
    void reportsCountAndBytesByContentTypeAndDay() throws Exception {
        mvc.perform(asTenant(get("/api/v1/files/stats")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.count").value(6))
                .andExpect(jsonPath("$.bytes").value(1500 + 5000))
                .andExpect(jsonPath("$.byContentType[0].contentType").value("application/pdf"))
                .andExpect(jsonPath("$.byContentType[1].count").value(5))
                .andExpect(jsonPath("$.perDay[0].day").value("2026-11-20"))
                .andExpect(jsonPath("$.perDay[0].bytes").value(1500))
                .andExpect(jsonPath("$.perDay[1].day").value("2026-11-21"));
    }

    @Test
    void deletingAFileRemovesTheObjectMarksItDeletedAndEmitsFileDeleted() throws Exception {
        S3Endpoint s3 = SharedInfrastructure.s3();
        String key = "tenants/" + tenant + "/2026/11/20/u9/doomed.txt";
        try (S3Client client = s3.client();
             KafkaConsumer<String, byte[]> events = consumer()) {
            client.putObject(request -> request.bucket(s3.bucket()).key(key), RequestBody.fromString("bye"));
            newVersions.record(List.of(version(tenant, "2026/11/20/u9/doomed.txt", 3, "text/plain", day)));
            String fileId = fileIdOf(tenant, "doomed.txt");

            mvc.perform(delete("/api/v1/files/" + fileId).header(IdentityAssertion.HEADER, Identities.tenant(otherTenant)))
                    .andExpect(status().isNotFound());
            mvc.perform(asTenant(delete("/api/v1/files/" + fileId))).andExpect(status().isNoContent());
            mvc.perform(asTenant(delete("/api/v1/files/" + fileId))).andExpect(status().isNoContent());

            assertThatThrownBy(() -> client.headObject(request -> request.bucket(s3.bucket()).key(key)))
                    .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
            mvc.perform(asTenant(get("/api/v1/files/" + fileId)))
                    .andExpect(jsonPath("$.status").value("deleted"))
                    .andExpect(jsonPath("$.deletedAt").exists());

            List<FileEvent> deleted = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline) && deleted.isEmpty()) {
                pollDeleted(events, fileId, deleted);
            }
            Instant settle = Instant.now().plusSeconds(2);
            while (Instant.now().isBefore(settle)) {
                pollDeleted(events, fileId, deleted);
            }
            assertThat(deleted).hasSize(1);
            assertThat(deleted.get(0).data().status()).isEqualTo("deleted");
            assertThat(deleted.get(0).tenantId()).isEqualTo(tenant);
        }
    }

    private static void pollDeleted(KafkaConsumer<String, byte[]> consumer, String fileId, List<FileEvent> found) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
            FileEvent event = EventJson.read(record.value(), FileEvent.class);
            if (fileId.equals(record.key()) && FileEvent.FILE_DELETED.equals(event.type())) {
                found.add(event);
            }
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "files-api-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.FILES_EVENTS));
        return consumer;
    }

    private MockHttpServletRequestBuilder asTenant(MockHttpServletRequestBuilder request) {
        return request.header(IdentityAssertion.HEADER, Identities.tenant(tenant));
    }

    private String fileIdOf(String tenantId, String filename) {
        return jdbc.sql("select id::text from metadata.files where tenant_id = ? and original_filename = ?")
                .params(tenantId, filename).query(String.class).single();
    }

    private static NewVersion version(String tenantId, String path, long size, String contentType, Instant createdAt) {
        return new NewVersion(tenantId, "uplink-uploads", "tenants/" + tenantId + "/" + path, null, size, contentType,
                "\"etag\"", null, path.substring(path.lastIndexOf('/') + 1), Map.of(), "up", "client-complete",
                UUID.randomUUID().toString(), null, createdAt, createdAt, null, "default", null);
    }
}
