package io.uplink.credential.policy;

import java.util.Map;

/** What a client asks to upload, before any rule is applied. Every field is untrusted. */
public record UploadIntent(String filename, String contentType, Long size, String checksumSha256,
                           Map<String, String> metadata, UploadMethod method) {
}
