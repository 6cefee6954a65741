package io.uplink.localstack.launch;

/** The command line or environment asks for something the local stack cannot do; the message says what. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
