package io.uplink.contracts;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonTest {

    private final UploadCompleted completed = new UploadCompleted(UUID.fromString("6c1b8f1e-8a53-4c3e-9d2f-0a8c7e1d2b3f"),
            "acme", "up_1", "uplink-uploads", "tenants/acme/2026/11/25/up_1/cat.png", 1234, "image/png",
            "\"etag\"", null, null, "cat.png", Map.of("album", "pets"),
            Instant.parse("2026-11-25T10:15:30Z"), UploadSource.CLIENT_COMPLETE);

    @Test
    void writesTheDocumentedWireFormat() {
        String json = EventJson.writeString(completed);

        assertThat(json)
                .contains("\"eventId\":\"6c1b8f1e-8a53-4c3e-9d2f-0a8c7e1d2b3f\"")
                .contains("\"completedAt\":\"2026-11-25T10:15:30Z\"")
                .contains("\"source\":\"client-complete\"")
                .doesNotContain("checksumSha256")
                .doesNotContain("versionId");
    }

    @Test
    void roundTripsUploadCompleted() {
        assertThat(EventJson.read(EventJson.write(completed), UploadCompleted.class)).isEqualTo(completed);
    }

    @Test
    void ignoresFieldsAddedByNewerProducers() {
        String json = EventJson.writeString(completed).replaceFirst("\\{", "{\"addedLater\":42,");

        assertThat(EventJson.read(json, UploadCompleted.class)).isEqualTo(completed);
    }

    @Test
    void anUploadNamesItsStoreAndEventsOfOlderProducersAreInTheDefaultStore() {
        UploadCompleted elsewhere = new UploadCompleted(completed.eventId(), "acme", "up_1", "uplink-second",
                completed.key(), 1234, "image/png", "\"etag\"", null, null, "cat.png", Map.of(), completed.completedAt(),
                UploadSource.CLIENT_COMPLETE, null, "second");
        String json = EventJson.writeString(elsewhere);

        assertThat(json).contains("\"storageTarget\":\"second\"");
        assertThat(EventJson.read(json, UploadCompleted.class).rejectedFor("not a PNG").storageTarget())
                .isEqualTo("second");
        String olderProducer = EventJson.writeString(completed).replace(",\"storageTarget\":\"default\"", "");
        assertThat(olderProducer).doesNotContain("storageTarget");
        assertThat(EventJson.read(olderProducer, UploadCompleted.class).storageTarget()).isEqualTo("default");
    }

    @Test
    void keysUploadsByTenantAndObjectKey() {
        assertThat(completed.partitionKey()).isEqualTo("acme/tenants/acme/2026/11/25/up_1/cat.png");
    }

    @Test
    void rejectsRecordsMissingRequiredFieldsWithAReadableReason() {
        assertThatThrownBy(() -> EventJson.read("{\"eventId\":\"" + UUID.randomUUID() + "\"}", UploadCompleted.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("UploadCompleted");
    }

    @Test
    void rejectsUnknownSources() {
        String json = EventJson.writeString(completed).replace("client-complete", "carrier-pigeon");

        assertThatThrownBy(() -> EventJson.read(json, UploadCompleted.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("carrier-pigeon");
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> EventJson.read(new byte[] {(byte) 0xff, 0x00, 0x13}, UploadCompleted.class))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void roundTripsFileEvents() {
        FileEvent event = new FileEvent(UUID.randomUUID(), FileEvent.FILE_CREATED, "acme", Instant.parse("2026-11-25T10:15:31Z"),
                new FileData("f_1", "uplink-uploads", completed.key(), 1234, "image/png", "\"etag\"", null, null,
                        "cat.png", Map.of(), "active", Instant.parse("2026-11-25T10:15:31Z"), null));

        assertThat(EventJson.read(EventJson.write(event), FileEvent.class)).isEqualTo(event);
        assertThat(event.partitionKey()).isEqualTo("f_1");
    }

    @Test
    void aRejectedFileCarriesItsReasonAndOtherFilesOmitIt() {
        FileData rejected = new FileData("f_2", "uplink-uploads", completed.key(), 9_000_000, "image/png", "\"etag\"",
                null, null, "cat.png", Map.of(), "rejected", Instant.parse("2026-11-25T10:15:31Z"), null,
                "size 9000000 exceeds the tenant's maxObjectSize 1048576", "second", null);
        FileEvent event = new FileEvent(UUID.randomUUID(), FileEvent.FILE_REJECTED, "acme",
                Instant.parse("2026-11-25T10:15:31Z"), rejected);

        String json = EventJson.writeString(event);

        assertThat(json).contains("\"type\":\"file.rejected\"")
                .contains("\"rejectionReason\":\"size 9000000 exceeds the tenant's maxObjectSize 1048576\"")
                .contains("\"storageTarget\":\"second\"");
        assertThat(EventJson.read(json, FileEvent.class)).isEqualTo(event);
        assertThat(EventJson.writeString(new FileData("f_1", "b", "k", 1, null, null, null, null, null, null,
                "active", Instant.EPOCH, null))).doesNotContain("rejectionReason");
    }
}
