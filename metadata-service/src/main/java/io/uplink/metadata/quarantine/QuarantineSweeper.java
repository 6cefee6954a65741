package io.uplink.metadata.quarantine;

import io.uplink.metadata.file.RejectedVersions;
import io.uplink.metadata.file.StoredObjects;
import io.uplink.metadata.storage.ObjectStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.uplink.metadata.sweep.BacklogSweeper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves the objects of rejected versions to {@code quarantine/<key>} in the store each is in, after ingestion committed them and outside
 * its transactions, so ingestion never waits for the store. Each sweep claims a few rows ({@code FOR UPDATE SKIP
 * LOCKED}: instances share the work), moves their objects and marks them done; a failed move is retried after a
 * backoff, so objects that keep failing do not hold up the others.
 */
@Component
public class QuarantineSweeper extends BacklogSweeper {

    private static final Logger log = LoggerFactory.getLogger(QuarantineSweeper.class);
    private static final int ROWS_PER_SWEEP = 20;

    private final RejectedVersions rejected;
    private final TransactionTemplate transaction;
    private final ObjectStores stores;
    private final StoredObjects objects;

    public QuarantineSweeper(RejectedVersions rejected, TransactionTemplate transaction, ObjectStores stores,
                             StoredObjects objects) {
        super(ROWS_PER_SWEEP);
        this.rejected = rejected;
        this.transaction = transaction;
        this.stores = stores;
        this.objects = objects;
    }

    @Scheduled(fixedDelayString = "${uplink.quarantine.sweep-interval-ms:2000}")
    public void sweepRegularly() {
        drain();
    }

    /** @return how many rejected rows this sweep is done with (moved, or found without their object) */
    @Override
    public int sweep() {
        Integer done = transaction.execute(status -> {
            int quarantined = 0;
            for (RejectedVersions.Awaiting row : rejected.claimAwaitingQuarantine(ROWS_PER_SWEEP)) {
                quarantined += quarantine(row) ? 1 : 0;
            }
            return quarantined;
        });
        return done == null ? 0 : done;
    }

    /** @return false when the move failed and must be retried */
    private boolean quarantine(RejectedVersions.Awaiting row) {
        String target = QuarantineKeys.of(row.key());
        try {
            boolean moved = stores.named(row.storageTarget())
                    .move(row.bucket(), row.key(), row.versionId(), row.size(), target);
            objects.deleteCopies(row.id(), row.key()); // copied while it was active, rejected since
            rejected.markQuarantined(row.id(), moved ? target : null);
            if (moved) {
                log.info("Quarantined {}/{} as {} in store {}", row.bucket(), row.key(), target, row.storageTarget());
            }
            return true;
        } catch (RuntimeException e) {
            log.warn("Could not quarantine {}/{} (file {}), retrying later: {}", row.bucket(), row.key(), row.id(),
                    e.toString());
            rejected.postponeQuarantine(row.id());
            return false;
        }
    }
}
