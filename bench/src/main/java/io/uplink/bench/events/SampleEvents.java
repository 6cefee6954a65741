package io.uplink.bench.events;

import io.uplink.contracts.UploadCompleted;
import io.uplink.contracts.UploadSource;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Realistically shaped events: what credential-service publishes for a typical browser upload. */
public final class SampleEvents {

    private SampleEvents() {
    }

    public static UploadCompleted uploadCompleted(long sequence) {
        String uploadId = "upl_" + Long.toString(1_000_000_000L + sequence, 36);
        return new UploadCompleted(
                UUID.randomUUID(),
                "tenant-" + (sequence % 50),
                uploadId,
                "uplink-uploads",
                "tenants/tenant-" + (sequence % 50) + "/2026/11/25/" + uploadId + "/holiday photo " + sequence + ".jpg",
                2_483_117L + sequence,
                "image/jpeg",
                "\"9b2cf535f27731c974343645a3985328\"",
                "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=",
                null,
                "holiday photo " + sequence + ".jpg",
                Map.of("album", "summer", "camera", "X100V"),
                Instant.parse("2026-11-25T12:00:00Z").plusMillis(sequence),
                UploadSource.CLIENT_COMPLETE);
    }
}
