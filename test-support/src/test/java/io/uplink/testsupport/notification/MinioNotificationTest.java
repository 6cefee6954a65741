package io.uplink.testsupport.notification;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MinioNotificationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant TIME = Instant.parse("2026-12-06T07:00:00Z");

    @Test
    void keysAreEscapedAsGoQueryEscapeDoesAndDecodeBack() {
        String key = "tenants/acme/my file+1 (2)~x*ü.png";

        String escaped = MinioNotification.queryEscape(key);

        assertThat(escaped).isEqualTo("tenants%2Facme%2Fmy+file%2B1+%282%29~x%2A%C3%BC.png");
        assertThat(URLDecoder.decode(escaped, StandardCharsets.UTF_8)).isEqualTo(key);
    }

    @Test
    void aCreateCarriesTheObjectAndItsMetadataUnderCanonicalHeaderNames() {
        MinioNotification created = MinioNotification.created(MinioNotification.PUT, "uplink-uploads",
                "tenants/acme/a b.png", 2048, "\"9b2cf535f27731c974343645a3985328\"", "image/png",
                Map.of("original-filename", "a b.png"), "17A4B2C3D4E5F607", TIME);

        JsonNode json = JSON.readTree(created.json());

        assertThat(created.recordKey()).isEqualTo("uplink-uploads/tenants/acme/a b.png");
        assertThat(json.get("EventName").asString()).isEqualTo("s3:ObjectCreated:Put");
        assertThat(json.get("Key").asString()).isEqualTo("uplink-uploads/tenants/acme/a b.png");
        JsonNode record = json.get("Records").get(0);
        assertThat(record.get("eventTime").asString()).isEqualTo("2026-12-06T07:00:00.000Z");
        assertThat(record.get("eventName").asString()).isEqualTo("s3:ObjectCreated:Put");
        assertThat(record.at("/s3/bucket/name").asString()).isEqualTo("uplink-uploads");
        JsonNode object = record.at("/s3/object");
        assertThat(object.get("key").asString()).isEqualTo("tenants%2Facme%2Fa+b.png");
        assertThat(object.get("size").asLong()).isEqualTo(2048);
        assertThat(object.get("eTag").asString()).isEqualTo("9b2cf535f27731c974343645a3985328");
        assertThat(object.get("contentType").asString()).isEqualTo("image/png");
        assertThat(object.get("userMetadata").properties()).extracting(Map.Entry::getKey)
                .containsExactly("content-type", "X-Amz-Meta-Original-Filename");
        assertThat(object.get("sequencer").asString()).isEqualTo("17A4B2C3D4E5F607");
    }

    @Test
    void aRemoveCarriesOnlyTheKeyAndTheSequencer() {
        JsonNode object = JSON.readTree(MinioNotification.removed("uplink-uploads", "tenants/acme/gone.txt",
                "17A4B2C3D4E5F700", TIME).json()).at("/Records/0/s3/object");

        assertThat(object.properties()).extracting(Map.Entry::getKey).containsExactly("key", "sequencer");
    }

    @Test
    void sequencersIncreaseEvenWithinOneClockTick() {
        SequencerClock clock = new SequencerClock();
        SequencerClock.Tick previous = clock.next();
        for (int i = 0; i < 10_000; i++) {
            SequencerClock.Tick next = clock.next();
            assertThat(Long.parseUnsignedLong(next.sequencer(), 16))
                    .isGreaterThan(Long.parseUnsignedLong(previous.sequencer(), 16));
            assertThat(next.time()).isAfterOrEqualTo(previous.time());
            previous = next;
        }
    }
}
