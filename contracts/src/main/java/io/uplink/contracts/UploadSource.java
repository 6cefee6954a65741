package io.uplink.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which signal told Uplink that an upload completed. */
public enum UploadSource {
    CLIENT_COMPLETE("client-complete"),
    MULTIPART_COMPLETE("multipart-complete"),
    RECONCILER("reconciler"),
    /** The store's own notification (MinIO/Ceph through Kafka) that the object arrived. */
    STORE_NOTIFICATION("store-notification"),
    OSS_CALLBACK("oss-callback");

    private final String wireName;

    UploadSource(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static UploadSource fromWireName(String value) {
        for (UploadSource source : values()) {
            if (source.wireName.equals(value)) {
                return source;
            }
        }
        throw new IllegalArgumentException("unknown upload source '" + value + "'");
    }
}
