package io.uplink.contracts;

/** Kafka topic names shared by producers and consumers. See docs/architecture.md. */
public final class Topics {

    public static final String UPLOADS_COMPLETED = "uplink.uploads.completed";
    public static final String STORAGE_EVENTS = "uplink.storage.events";
    public static final String FILES_EVENTS = "uplink.files.events";
    /** {@link TenantEvent}s, keyed by tenant id. */
    public static final String TENANTS_EVENTS = "uplink.tenants.events";

    /** Suffix of the dead-letter topic that receives a topic's poison records, untouched, with headers saying why. */
    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
