package io.uplink.credential.policy;

import java.util.Map;

/**
 * What a client asks to upload, before any rule is applied. Every field is untrusted.
 *
 * @param target the storage target the client asks for, among those its tenant may use; null = the tenant's routing
 */
public record UploadIntent(String filename, String contentType, Long size, String checksumSha256,
                           Map<String, String> metadata, UploadMethod method, String target) {

    /** An intent that leaves the store to the tenant's routing. */
    public UploadIntent(String filename, String contentType, Long size, String checksumSha256,
                        Map<String, String> metadata, UploadMethod method) {
        this(filename, contentType, size, checksumSha256, metadata, method, null);
    }
}
