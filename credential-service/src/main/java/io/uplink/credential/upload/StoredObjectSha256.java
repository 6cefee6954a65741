package io.uplink.credential.upload;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The SHA-256 of a stored object, read back from the store. Used where the store could not check a declared
 * checksum on upload (a POST form carries no checksum header), so completion checks it instead.
 */
final class StoredObjectSha256 {

    private StoredObjectSha256() {
    }

    /**
     * @param etag the ETag the caller already checked; the read is conditional on it so the digest is of the
     *             same object, not one replaced in between
     * @return the base64 digest, as clients declare {@code checksumSha256}
     */
    static String of(S3Client s3, String bucket, String key, String etag) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (ResponseInputStream<GetObjectResponse> object =
                     s3.getObject(r -> r.bucket(bucket).key(key).ifMatch(etag))) {
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = object.read(buffer)) != -1; ) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + key + " back from the store", e);
        }
        return Base64.getEncoder().encodeToString(digest.digest());
    }

    /** Whether the stored object (the one with that ETag) is the declared bytes. */
    static boolean matches(S3Client s3, String bucket, String key, String etag, String declaredSha256) {
        return declaredSha256.equals(of(s3, bucket, key, etag));
    }
}
