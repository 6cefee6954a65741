package io.uplink.credential.uppy;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;

/**
 * The answer Uppy's hook returns: Uppy sends its request to {@code url} and, where {@code key} is given, keeps
 * the server-assigned key for later calls and its {@code upload-success} result. {@code headers} must be sent
 * verbatim when present (a signed content type); {@code fields} are the form fields of a POST upload.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SignedRequest(String operation, String method, String url, String key, Map<String, String> headers,
                     Map<String, String> fields, Instant expiresAt) {
}
