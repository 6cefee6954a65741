package io.uplink.credential.upload;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.uplink.credential.policy.UploadMethod;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A credential for one upload. PUT: send {@code headers} exactly. POST: send {@code fields} then the file as a
 * multipart/form-data form to {@code url}. MULTIPART: fetch part URLs, upload {@code partCount} parts of
 * {@code partSize} bytes (the last smaller), then complete.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UploadGrant(UUID uploadId, String key, UploadMethod method, String url, Map<String, String> headers,
                          Map<String, String> fields, Instant expiresAt, Long partSize, Integer partCount) {
}
