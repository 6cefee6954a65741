package io.uplink.credential.storage;

/**
 * Which S3-compatible store a target is. All speak SigV4 S3; the kind only decides store-specific extras (OSS
 * upload callbacks) and the addressing style when none is configured.
 */
public enum StorageKind {
    AWS, OSS, MINIO, R2, GENERIC;

    /** OSS refuses path-style addressing for new buckets and AWS deprecated it; MinIO and S3Proxy prefer it. */
    boolean pathStyleByDefault() {
        return this == MINIO || this == GENERIC;
    }
}
