package io.uplink.metadata.file;

import io.uplink.metadata.limits.UploadLimits;
import io.uplink.metadata.scanner.Scanners;
import org.springframework.stereotype.Component;

/**
 * Whether a new version of a tenant is held as {@code pending} until the scanner answers: the tenant asks for it
 * ({@code scanUploads}) and a scanner is configured to answer.
 */
@Component
public class HeldForScan {

    private final Scanners scanners;

    public HeldForScan(Scanners scanners) {
        this.scanners = scanners;
    }

    boolean holds(UploadLimits limits) {
        return limits.scanUploads() && scanners.available();
    }
}
