package io.uplink.credential.uppy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What Uppy 6's {@code signRequest} hook receives and the tenant's page forwards unchanged:
 * {@code {method, key, uploadId?, partNumber?, expiresIn?, contentType?}}. Uppy names the S3 call only by this
 * shape; {@code operation} may name it explicitly (and is the only way to ask for a browser POST form).
 * {@code size} and {@code contentType}, when the page knows them, are signed so the store enforces them;
 * {@code filename}, the file's own name, is recorded as the upload's original filename (without it, the last
 * segment of the key Uppy made up stands in).
 */
@JsonIgnoreProperties(ignoreUnknown = true) // later Uppy releases may forward more than they do today
record SignRequest(String method, String key, String uploadId, Integer partNumber, Long expiresIn,
                   String contentType, Long size, String operation, String filename) {
}
