package io.uplink.metadata.scanner;

/** The scanner gave no verdict (unreachable, timed out, refused the stream): the file stays pending and is retried. */
public class ScannerUnavailableException extends Exception {

    public ScannerUnavailableException(String message) {
        super(message);
    }

    public ScannerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
