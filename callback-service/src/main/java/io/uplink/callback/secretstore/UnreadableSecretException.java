package io.uplink.callback.secretstore;

/**
 * A stored secret that does not decrypt: tampered with, moved to another row or column, or sealed under a key
 * that is no longer configured. The message never contains the stored value.
 */
public class UnreadableSecretException extends RuntimeException {

    public UnreadableSecretException(String message) {
        super(message);
    }

    public UnreadableSecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
