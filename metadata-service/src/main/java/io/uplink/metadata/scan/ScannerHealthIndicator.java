package io.uplink.metadata.scan;

import io.uplink.metadata.scanner.FileScanner;
import io.uplink.metadata.scanner.Scanners;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code scanner}: whether the scanner answers. Not part of readiness: while it is down, uploads of scanned tenants
 * wait as pending and everything else goes on.
 */
@Component("scanner")
class ScannerHealthIndicator implements HealthIndicator {

    private final Scanners scanners;

    ScannerHealthIndicator(Scanners scanners) {
        this.scanners = scanners;
    }

    @Override
    public Health health() {
        if (scanners.configured().isEmpty()) {
            return Health.up().withDetail("scanner", "none configured").build();
        }
        FileScanner scanner = scanners.configured().get();
        return (scanner.answers() ? Health.up() : Health.down()).withDetail("scanner", scanner.name()).build();
    }
}
