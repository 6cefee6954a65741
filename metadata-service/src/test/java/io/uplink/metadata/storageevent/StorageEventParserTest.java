package io.uplink.metadata.storageevent;

import io.uplink.contracts.InvalidEventException;
import io.uplink.metadata.ingest.RejectedEventException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StorageEventParserTest {

    /** Shape of a record published by MinIO's Kafka notification target. */
    static final String MINIO_PUT = """
            {"EventName":"s3:ObjectCreated:Put","Key":"uplink-uploads/tenants/acme/2026/11/25/u1/my file+1.png",
             "Records":[{"eventVersion":"2.0","eventSource":"minio:s3","awsRegion":"","eventTime":"2026-11-25T10:15:30.123Z",
              "eventName":"s3:ObjectCreated:Put","userIdentity":{"principalId":"minioadmin"},
              "requestParameters":{"principalId":"minioadmin","region":"","sourceIPAddress":"127.0.0.1"},
              "responseElements":{"x-amz-id-2":"dd9025ba","x-amz-request-id":"17A4B2","x-minio-origin-endpoint":"http://127.0.0.1:9000"},
              "s3":{"s3SchemaVersion":"1.0","configurationId":"Config",
               "bucket":{"name":"uplink-uploads","ownerIdentity":{"principalId":"minioadmin"},"arn":"arn:aws:s3:::uplink-uploads"},
               "object":{"key":"tenants%2Facme%2F2026%2F11%2F25%2Fu1%2Fmy+file%2B1.png","size":2048,
                "eTag":"9b2cf535f27731c974343645a3985328","contentType":"image/png",
                "userMetadata":{"content-type":"image/png","X-Amz-Meta-Original-Filename":"my file+1.png","X-Amz-Meta-Project":"apollo"},
                "sequencer":"17A4B2C3D4E5F607"}},
              "source":{"host":"127.0.0.1","port":"","userAgent":"MinIO (linux; amd64) minio-go/v7"}}]}
            """;

    static final String AWS_DELETE = """
            {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"eu-west-1",
              "eventTime":"2026-11-25T10:20:00.000Z","eventName":"ObjectRemoved:Delete",
              "userIdentity":{"principalId":"AWS:AIDA"},"requestParameters":{"sourceIPAddress":"1.2.3.4"},
              "responseElements":{"x-amz-request-id":"C3D1","x-amz-id-2":"FMy"},
              "s3":{"s3SchemaVersion":"1.0","configurationId":"uplink","bucket":{"name":"uplink-uploads",
               "ownerIdentity":{"principalId":"A3NL"},"arn":"arn:aws:s3:::uplink-uploads"},
               "object":{"key":"tenants/acme/2026/11/25/u1/Annual+Report+%282026%29.pdf","versionId":"3HL4kqtJlcpXroDTDmJ",
                "sequencer":"0055AED6DCD90281E5"}}}]}
            """;

    @Test
    void readsMinioKafkaTargetRecordsWithEscapedKeysAndTheS3Prefix() {
        List<StorageEvent> events = StorageEventParser.parse(MINIO_PUT.getBytes(StandardCharsets.UTF_8));

        assertThat(events).hasSize(1);
        StorageEvent event = events.get(0);
        assertThat(event.kind()).isEqualTo(StorageEvent.Kind.CREATED);
        assertThat(event.eventName()).isEqualTo("ObjectCreated:Put");
        assertThat(event.bucket()).isEqualTo("uplink-uploads");
        assertThat(event.key()).isEqualTo("tenants/acme/2026/11/25/u1/my file+1.png");
        assertThat(event.size()).isEqualTo(2048);
        assertThat(event.contentType()).isEqualTo("image/png");
        assertThat(event.userMetadata()).containsEntry("original-filename", "my file+1.png")
                .containsEntry("project", "apollo").doesNotContainKey("content-type");
        assertThat(event.sequencer()).isEqualTo("000000000000000017A4B2C3D4E5F607");
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2026-11-25T10:15:30.123Z"));
        assertThat(event.versionId()).isNull();
    }

    @Test
    void readsAwsRecordsWithPlusAsSpaceAndVersionIds() {
        StorageEvent event = StorageEventParser.parse(AWS_DELETE.getBytes(StandardCharsets.UTF_8)).get(0);

        assertThat(event.kind()).isEqualTo(StorageEvent.Kind.REMOVED);
        assertThat(event.key()).isEqualTo("tenants/acme/2026/11/25/u1/Annual Report (2026).pdf");
        assertThat(event.versionId()).isEqualTo("3HL4kqtJlcpXroDTDmJ");
        assertThat(event.sequencer()).isEqualTo("000000000000000055AED6DCD90281E5");
    }

    @Test
    void ignoresTestEventsAndOtherEventTypes() {
        assertThat(StorageEventParser.parse("""
                {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-11-25T10:00:00.000Z","Bucket":"b"}
                """.getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(StorageEventParser.parse(MINIO_PUT.replace("s3:ObjectCreated:Put", "s3:ObjectAccessed:Get")
                .getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void rejectsWhatIsNotAnS3EventNotification() {
        assertThatThrownBy(() -> StorageEventParser.parse("{nope".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> StorageEventParser.parse("{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RejectedEventException.class);
        assertThatThrownBy(() -> StorageEventParser.parse(MINIO_PUT.replace("17A4B2C3D4E5F607", "xyz")
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RejectedEventException.class).hasMessageContaining("sequencer");
    }

    @Test
    void normalisedSequencersCompareNumerically() {
        assertThat(Sequencers.isLater(Sequencers.normalise("100"), Sequencers.normalise("FF"))).isTrue();
        assertThat(Sequencers.isLater(Sequencers.normalise("00ff"), Sequencers.normalise("FF"))).isFalse();
        assertThat(Sequencers.isLater(Sequencers.normalise("1"), null)).isTrue();
    }
}
