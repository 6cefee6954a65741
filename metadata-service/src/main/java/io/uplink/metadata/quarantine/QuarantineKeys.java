package io.uplink.metadata.quarantine;

/**
 * Where rejected objects go in the store: {@code quarantine/<original key>}, outside every {@code tenants/{id}/}
 * prefix, so no tenant credential (presigned URL, STS session, download) reaches them.
 */
public final class QuarantineKeys {

    public static final String PREFIX = "quarantine/";

    private QuarantineKeys() {
    }

    public static String of(String key) {
        return PREFIX + key;
    }

    /** Our own moves show up as storage notifications too; they are not tenants' objects. */
    public static boolean isQuarantined(String key) {
        return key != null && key.startsWith(PREFIX);
    }
}
