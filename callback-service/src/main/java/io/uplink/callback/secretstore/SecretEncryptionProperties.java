package io.uplink.callback.secretstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * The keys that encrypt endpoints' signing secrets at rest.
 *
 * @param keys {@code <key id>:<base64 of 32 bytes>} entries; every listed key decrypts, one encrypts. Required:
 *     the service refuses to start without a key or with a malformed one
 * @param currentKeyId the key that encrypts new values and that the re-encryption pass moves old ones to; blank:
 *     the first listed key
 * @param reEncryptionBatchSize endpoints read and rewritten per statement by the re-encryption pass
 */
@ConfigurationProperties("uplink.callback.secret-encryption")
public record SecretEncryptionProperties(
        @DefaultValue List<String> keys,
        String currentKeyId,
        @DefaultValue("500") int reEncryptionBatchSize) {
}
