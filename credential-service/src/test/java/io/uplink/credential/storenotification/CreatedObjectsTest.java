package io.uplink.credential.storenotification;

import io.uplink.testsupport.notification.MinioNotification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CreatedObjectsTest {

    private static final Instant TIME = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void readsTheObjectAMinioNotificationAnnouncesWithItsKeyDecoded() {
        MinioNotification put = MinioNotification.created(MinioNotification.PUT, "uplink-uploads",
                "tenants/acme/2026/12/06/id/my photo+1 (ü).png", 3, "\"e\"", "image/png", Map.of(), "17A4B2C3D4E5F607",
                TIME);

        assertThat(CreatedObjects.in(put.json())).containsExactly(new CreatedObjects.StoredObject("uplink-uploads",
                "tenants/acme/2026/12/06/id/my photo+1 (ü).png"));
    }

    @Test
    void readsAwsNotificationsWhoseKeysAreFormEncoded() {
        String aws = """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectCreated:Post",
                  "s3":{"bucket":{"name":"uplink-uploads"},"object":{"key":"tenants/acme/a+b%2Bc.txt","size":3}}}]}""";

        assertThat(CreatedObjects.in(aws.getBytes(StandardCharsets.UTF_8)))
                .containsExactly(new CreatedObjects.StoredObject("uplink-uploads", "tenants/acme/a b+c.txt"));
    }

    @Test
    void removalsTestEventsAndUnreadableBytesAnnounceNothing() {
        MinioNotification removed = MinioNotification.removed("uplink-uploads", "tenants/acme/a.txt",
                "17A4B2C3D4E5F607", TIME);

        assertThat(CreatedObjects.in(removed.json())).isEmpty();
        assertThat(CreatedObjects.in("{\"Event\":\"s3:TestEvent\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(CreatedObjects.in("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(CreatedObjects.in("{\"Records\":[{\"eventName\":\"s3:ObjectCreated:Put\"}]}"
                .getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
