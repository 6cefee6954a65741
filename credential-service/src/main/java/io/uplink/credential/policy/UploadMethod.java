package io.uplink.credential.policy;

/** How the client sends the bytes to the store. */
public enum UploadMethod {
    /** One presigned PUT. */
    PUT,
    /** A browser form POST with a SigV4 POST policy. */
    POST,
    /** S3 multipart upload with presigned part URLs. */
    MULTIPART
}
