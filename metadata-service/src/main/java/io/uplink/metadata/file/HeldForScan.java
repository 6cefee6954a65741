package io.uplink.metadata.file;

import io.uplink.metadata.limits.UploadLimits;
import org.springframework.stereotype.Component;

/**
 * Whether a new version of a tenant is held as {@code pending} until the scanner answers: whenever the tenant asks
 * for it ({@code scanUploads}). Settings asking for it are refused where no scanner is configured; should the scanner's
 * configuration go later, the tenant's files wait rather than pass unscanned.
 */
@Component
public class HeldForScan {

    public boolean holds(UploadLimits limits) {
        return limits.scanUploads();
    }
}
