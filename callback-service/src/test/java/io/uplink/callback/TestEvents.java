package io.uplink.callback;

import io.uplink.contracts.FileData;
import io.uplink.contracts.FileEvent;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Events for tests of what happens to an event downstream, where its content does not matter. */
public final class TestEvents {

    private TestEvents() {
    }

    /** A {@code file.created} of the tenant, new ids each time, occurred now. */
    public static FileEvent fileCreated(String tenant) {
        Instant now = Instant.now();
        return new FileEvent(UUID.randomUUID(), FileEvent.FILE_CREATED, tenant, now,
                new FileData("file_" + UUID.randomUUID(), "b", "tenants/" + tenant + "/k", 1, "text/plain", "\"e\"",
                        null, null, "k", Map.of(), "stored", now, null));
    }
}
