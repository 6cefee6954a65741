package io.uplink.metadata.scanner;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The scanner uploads of tenants with {@code scanUploads} wait for.
 *
 * @param oversized what becomes of an object larger than the scanner takes: {@code reject} (quarantined, never
 *                  handed out unscanned) or {@code accept} (active, {@code scanResult: not scanned: …})
 * @param clamd     ClamAV's daemon; without a host there is no scanner
 */
@ConfigurationProperties("uplink.metadata.scanner")
public record ScannerProperties(
        @DefaultValue("reject") Oversized oversized,
        @DefaultValue ClamdProperties clamd) {

    public enum Oversized { REJECT, ACCEPT }
}
