package io.uplink.metadata.scanner;

import java.util.Optional;

/** The configured scanner, if any: uploads are held for scanning only when there is one to answer. */
public record Scanners(Optional<FileScanner> configured) {

    public boolean available() {
        return configured.isPresent();
    }
}
