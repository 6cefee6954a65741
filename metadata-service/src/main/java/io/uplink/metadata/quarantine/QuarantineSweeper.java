package io.uplink.metadata.quarantine;

import io.uplink.metadata.storage.ObjectStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;

/**
 * Moves the objects of rejected versions to {@code quarantine/<key>}, after ingestion committed them and outside
 * its transactions, so ingestion never waits for the store. Each sweep claims a few rows ({@code FOR UPDATE SKIP
 * LOCKED}: instances share the work), moves their objects and marks them done; a failed move leaves its row for the
 * next sweep.
 */
@Component
public class QuarantineSweeper {

    private static final Logger log = LoggerFactory.getLogger(QuarantineSweeper.class);
    private static final int ROWS_PER_SWEEP = 20;

    private record Awaiting(UUID id, String bucket, String key, String versionId) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ObjectStorage storage;

    public QuarantineSweeper(JdbcClient jdbc, TransactionTemplate transaction, ObjectStorage storage) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.storage = storage;
    }

    @Scheduled(fixedDelayString = "${uplink.quarantine.sweep-interval-ms:2000}")
    public void sweepRegularly() {
        try {
            while (sweep() == ROWS_PER_SWEEP) {
                // a backlog: keep going while sweeps get a full set done
            }
        } catch (RuntimeException e) {
            log.warn("Quarantine sweep failed, retrying in the next one: {}", e.toString());
        }
    }

    /** @return how many rejected rows this sweep is done with (moved, or found without their object) */
    public int sweep() {
        Integer done = transaction.execute(status -> {
            List<Awaiting> awaiting = jdbc.sql("select id, bucket, object_key, version_id from metadata.files"
                            + " where status = 'rejected' and quarantined_at is null order by created_at limit ?"
                            + " for update skip locked")
                    .param(ROWS_PER_SWEEP)
                    .query((rows, i) -> new Awaiting(rows.getObject(1, UUID.class), rows.getString(2),
                            rows.getString(3), rows.getString(4)))
                    .list();
            int quarantined = 0;
            for (Awaiting row : awaiting) {
                quarantined += quarantine(row) ? 1 : 0;
            }
            return quarantined;
        });
        return done == null ? 0 : done;
    }

    /** @return false when the move failed and must be retried */
    private boolean quarantine(Awaiting row) {
        String target = QuarantineKeys.of(row.key());
        try {
            boolean moved = storage.move(row.bucket(), row.key(), row.versionId(), target);
            jdbc.sql("update metadata.files set quarantine_key = ?, quarantined_at = now() where id = ?")
                    .params(moved ? target : null, row.id()).update();
            if (moved) {
                log.info("Quarantined {}/{} as {}", row.bucket(), row.key(), target);
            }
            return true;
        } catch (RuntimeException e) {
            log.warn("Could not quarantine {}/{} (file {}), retrying later: {}", row.bucket(), row.key(), row.id(),
                    e.toString());
            return false;
        }
    }
}
