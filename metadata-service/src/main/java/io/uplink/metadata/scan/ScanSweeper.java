package io.uplink.metadata.scan;

import io.micrometer.core.instrument.MeterRegistry;
import io.uplink.metadata.file.PendingVersions;
import io.uplink.metadata.scanner.FileScanner;
import io.uplink.metadata.scanner.ScanVerdict;
import io.uplink.metadata.scanner.ScannerProperties;
import io.uplink.metadata.scanner.ScannerUnavailableException;
import io.uplink.metadata.scanner.Scanners;
import io.uplink.metadata.storage.ObjectStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.uplink.metadata.sweep.BacklogSweeper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.io.InputStream;

/**
 * Hands pending files to the scanner and records its verdicts. Each sweep leases a few pending files
 * ({@link PendingVersions#lease}: instances share the work, and no row stays locked during a scan), streams each object from its own store to the scanner and records
 * the verdict; without one (scanner down) the file stays pending and is tried again after a backoff, so one file
 * never holds up the others. Verdicts are counted in {@code uplink.scan.verdicts} by {@code verdict}.
 */
@Component
public class ScanSweeper extends BacklogSweeper {

    private static final Logger log = LoggerFactory.getLogger(ScanSweeper.class);
    private static final int ROWS_PER_SWEEP = 4;

    private final PendingVersions pending;
    private final ObjectStores stores;
    private final Scanners scanners;
    private final ScannerProperties properties;
    private final MeterRegistry meters;

    public ScanSweeper(PendingVersions pending, ObjectStores stores, Scanners scanners,
                       ScannerProperties properties, MeterRegistry meters) {
        super(ROWS_PER_SWEEP);
        this.pending = pending;
        this.stores = stores;
        this.scanners = scanners;
        this.properties = properties;
        this.meters = meters;
    }

    @Scheduled(fixedDelayString = "${uplink.metadata.scanner.sweep-interval-ms:1000}")
    public void sweepRegularly() {
        if (!scanners.available()) {
            return;
        }
        drain();
    }

    /** @return how many pending rows this sweep settled (a verdict, or found gone) */
    @Override
    public int sweep() {
        FileScanner scanner = scanners.configured().orElseThrow();
        int settled = 0;
        for (PendingVersions.Awaiting file : pending.lease(ROWS_PER_SWEEP)) {
            settled += settle(file, scanner) ? 1 : 0;
        }
        return settled;
    }

    /** @return false when the scanner gave no verdict and the file must be scanned again later */
    private boolean settle(PendingVersions.Awaiting file, FileScanner scanner) {
        if (file.size() > scanner.maxBytes()) {
            oversized(file, scanner);
            return true;
        }
        try (InputStream content = stores.named(file.storageTarget())
                .read(file.bucket(), file.key(), file.versionId())) {
            ScanVerdict verdict = scanner.scan(content);
            if (verdict instanceof ScanVerdict.TooLarge) {
                oversized(file, scanner);
            } else if (verdict instanceof ScanVerdict.Infected infected) {
                log.warn("{} found {} in {}/{} (tenant {})", scanner.name(), infected.signature(), file.bucket(),
                        file.key(), file.tenantId());
                pending.reject(file.id(), "infected: " + infected.signature(),
                        "malware found by " + scanner.name() + ": " + infected.signature());
                count("infected");
            } else {
                pending.clean(file.id(), "clean");
                count("clean");
            }
            return true;
        } catch (NoSuchKeyException e) {
            pending.gone(file.id());
            count("gone");
            return true;
        } catch (ScannerUnavailableException | IOException | RuntimeException e) {
            log.warn("No verdict for {}/{} (file {}), scanning again later: {}", file.bucket(), file.key(), file.id(),
                    e.toString());
            pending.postpone(file.id());
            count("unavailable");
            return false;
        }
    }

    /** Larger than the scanner takes: rejected unscanned, or accepted as such ({@code oversized}). */
    private void oversized(PendingVersions.Awaiting file, FileScanner scanner) {
        String why = "not scanned: larger than " + scanner.name() + " takes (" + scanner.maxBytes() + " bytes)";
        if (properties.oversized() == ScannerProperties.Oversized.ACCEPT) {
            pending.clean(file.id(), why);
        } else {
            pending.reject(file.id(), why, why);
        }
        count("oversized");
    }

    private void count(String verdict) {
        meters.counter("uplink.scan.verdicts", "verdict", verdict).increment();
    }
}
